#include "ui/run/comparison_view.h"

#include <QApplication>
#include <QHeaderView>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/painters/gantt_painter.h"
#include "ui/painters/resource_painter.h"
#include "ui/painters/run_style.h"
#include "ui/run/run_summary_table.h"

namespace cs::ui {

namespace {
constexpr double kCpuHeight = 120;
constexpr double kNameHeight = 18;  // the run's name above its Gantt
}  // namespace

ComparisonCanvas::ComparisonCanvas(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ComparisonCanvas::setRuns(std::vector<ReportRun> runs) {
    runs_ = std::move(runs);
    updateGeometry();
    setMinimumHeight(preferredHeight(runs_));
    update();
}

int ComparisonCanvas::preferredHeight(const std::vector<ReportRun>& runs) {
    double h = 0;
    for (const auto& r : runs)
        h += kCpuHeight + kNameHeight + GanttGeometry::preferredHeight(r.run.lanes.size(), false);
    return static_cast<int>(h + GanttGeometry::kLegendHeight + 4);
}

QSize ComparisonCanvas::sizeHint() const {
    return QSize(900, preferredHeight(runs_));
}

void ComparisonCanvas::paintComparison(QPainter& p, const QRectF& area,
                                       const std::vector<ReportRun>& runs) {
    p.fillRect(area, Qt::white);
    std::int64_t longest = 1;
    for (const auto& r : runs) longest = std::max(longest, r.run.now_ns);
    const TimeMapping shared{0, longest, 0, 1};
    double y = area.top();
    // CPU charts first, on one axis, then the Gantts on the same axis.
    for (const auto& r : runs) {
        ResourcePainter::paint(p, QRectF(area.left(), y, area.width(), kCpuHeight), r.run, shared,
                               ResourceChart::Cpu, {false, 0, r.name});
        y += kCpuHeight;
    }
    for (const auto& r : runs) {
        const double h = GanttGeometry::preferredHeight(r.run.lanes.size(), false);
        GanttOptions o;
        o.legend = false;
        p.fillRect(QRectF(area.left(), y, area.width(), kNameHeight), Qt::white);
        QFont bold = p.font();
        bold.setBold(true);
        p.save();
        p.setFont(bold);
        p.setPen(QColor(0x22, 0x22, 0x22));
        p.drawText(
            QRectF(area.left() + GanttGeometry::kLabelWidth, y + 2, area.width(), kNameHeight - 2),
            Qt::AlignLeft | Qt::AlignVCenter, r.name + QStringLiteral(" — tasks"));
        p.restore();
        y += kNameHeight;
        GanttPainter::paint(p, QRectF(area.left(), y, area.width(), h), r.run, shared, o);
        y += h;
    }
    GanttPainter::paintLegend(
        p, QRectF(area.left() + GanttGeometry::kLabelWidth, y + 2,
                  area.width() - GanttGeometry::kLabelWidth, GanttGeometry::kLegendHeight - 2));
}

void ComparisonCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (runs_.empty()) {
        p.fillRect(rect(), palette().base());
        p.drawText(rect(), Qt::AlignCenter,
                   tr("Select several runs and press Compare, or use Tools → Compare Backends."));
        return;
    }
    paintComparison(p, QRectF(rect()), runs_);
}

namespace {

// The phase shares of a run as one stacked bar in the phase colours (the table's last column):
// six numbers would need six columns, which pushed the table past the view's width.
class PhaseBarDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* p, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        QStyleOptionViewItem o = option;
        initStyleOption(&o, index);
        o.text.clear();
        const QWidget* w = option.widget;
        (w ? w->style() : QApplication::style())->drawControl(QStyle::CE_ItemViewItem, &o, p, w);
        const QVariantList shares = index.data(Qt::UserRole).toList();
        const QRectF bar = QRectF(option.rect).adjusted(4, 4, -4, -4);
        double total = 0;
        for (const auto& v : shares) total += v.toDouble();
        if (total <= 0 || bar.width() <= 0) return;
        double x = bar.left();
        for (int i = 0; i < shares.size(); ++i) {
            const double w = bar.width() * shares[i].toDouble() / total;
            p->fillRect(QRectF(x, bar.top(), w, bar.height()),
                        phaseColor(static_cast<trace::Phase>(i)));
            x += w;
        }
    }
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        return QSize(96, QStyledItemDelegate::sizeHint(option, index).height());
    }
};

// The summary's columns the table shows (all but the status, which marks the run's name when it
// is not "finished", and the per-phase shares, drawn as one bar), with short headers: the table
// then fits the view's width, no horizontal scrolling. The run's name takes what the numbers
// leave (elided if it must, whole in its tooltip).
struct TableColumn {
    int summary;    // index into summaryHeaders() / summaryRow()
    QString label;  // header text ("\n" wraps it)
};

std::vector<TableColumn> tableColumns() {
    const QStringList h = summaryHeaders();
    std::vector<TableColumn> columns;
    for (int i = 0; i < 12; ++i) {
        if (h[i] == QStringLiteral("status")) continue;
        QString label = h[i];
        if (label == QStringLiteral("threads")) label = QStringLiteral("thr.");
        if (label == QStringLiteral("GB/s in") || label == QStringLiteral("lock wait"))
            label.replace(QLatin1Char(' '), QLatin1Char('\n'));
        columns.push_back({i, label});
    }
    return columns;
}

}  // namespace

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent), table_(new QTableWidget), canvas_(new ComparisonCanvas) {
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideRight);
    table_->setItemDelegateForColumn(static_cast<int>(tableColumns().size()),
                                     new PhaseBarDelegate(table_));
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setDefaultAlignment(Qt::AlignCenter);
    auto* scroll = new QScrollArea;
    scroll->setWidget(canvas_);
    scroll->setWidgetResizable(true);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(table_);
    split->addWidget(scroll);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

void ComparisonView::setRuns(std::vector<ReportRun> runs) {
    runs_ = std::move(runs);
    const auto columns = tableColumns();
    const QStringList headers = summaryHeaders();
    table_->clear();
    table_->setColumnCount(static_cast<int>(columns.size()) + 1);
    QStringList labels;
    for (const auto& c : columns) labels << c.label;
    labels << tr("phases");
    table_->setHorizontalHeaderLabels(labels);
    for (int c = 0; c < static_cast<int>(columns.size()); ++c)
        table_->horizontalHeaderItem(c)->setToolTip(headers[columns[c].summary]);
    table_->horizontalHeaderItem(static_cast<int>(columns.size()))
        ->setToolTip(tr("Share of the tasks' time in each phase (hover a row for the numbers)"));
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->setRowCount(static_cast<int>(runs_.size()));
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        const QStringList row = summaryRow(runs_[i].name, runs_[i].run);
        const int r = static_cast<int>(i);
        for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
            auto* item = new QTableWidgetItem(row[columns[c].summary]);
            if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(r, c, item);
        }
        QTableWidgetItem* name = table_->item(r, 0);
        name->setToolTip(runs_[i].name);
        if (runs_[i].run.status != trace::RunStatus::Finished) {
            name->setText(row[0] + QStringLiteral(" (%1)").arg(row[1]));
            name->setForeground(QColor(0xc6, 0x28, 0x28));
        }
        QVariantList shares;
        QStringList tip;
        for (std::size_t p = 0; p < trace::kPhaseCount; ++p) {
            const QString share = row[12 + static_cast<int>(p)];
            shares << share.toDouble();
            tip << phaseLabel(static_cast<trace::Phase>(p)) + QStringLiteral(" ") + share +
                       QStringLiteral(" %");
        }
        auto* phases = new QTableWidgetItem;
        phases->setData(Qt::UserRole, shares);
        phases->setToolTip(tip.join(QStringLiteral(", ")));
        table_->setItem(r, static_cast<int>(columns.size()), phases);
    }
    canvas_->setRuns(runs_);
    fitRows();
    if (auto* split = qobject_cast<QSplitter*>(table_->parentWidget())) {
        const int h = table_->maximumHeight();
        split->setSizes({h, std::max(split->height() - h - split->handleWidth(), 100)});
    }
}

void ComparisonView::fitRows() {
    // The table no taller than its rows (up to about ten): the splitter gives the rest to the
    // timelines instead of empty table space.
    table_->resizeRowsToContents();
    int h = table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth() + 2;
    if (table_->horizontalScrollBar()->isVisible())
        h += table_->horizontalScrollBar()->sizeHint().height();
    for (int r = 0; r < table_->rowCount(); ++r) h += table_->rowHeight(r);
    table_->setMaximumHeight(std::min(h, 320));
}

}  // namespace cs::ui
