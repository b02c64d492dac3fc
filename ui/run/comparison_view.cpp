#include "ui/run/comparison_view.h"

#include <QHeaderView>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/painters/gantt_painter.h"
#include "ui/painters/resource_painter.h"
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

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent), table_(new QTableWidget), canvas_(new ComparisonCanvas) {
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
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
    const QStringList headers = summaryHeaders();
    table_->clear();
    table_->setColumnCount(static_cast<int>(headers.size()));
    table_->setHorizontalHeaderLabels(headers);
    table_->setRowCount(static_cast<int>(runs_.size()));
    for (std::size_t i = 0; i < runs_.size(); ++i) {
        const QStringList row = summaryRow(runs_[i].name, runs_[i].run);
        for (int c = 0; c < row.size(); ++c) {
            auto* item = new QTableWidgetItem(row[c]);
            if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(static_cast<int>(i), c, item);
        }
    }
    canvas_->setRuns(runs_);
    // The table no taller than its rows (up to about ten): the splitter gives the rest to the
    // timelines instead of empty table space.
    table_->resizeRowsToContents();
    int h = table_->horizontalHeader()->sizeHint().height() + 2 * table_->frameWidth() +
            table_->horizontalScrollBar()->sizeHint().height() + 2;
    for (int r = 0; r < table_->rowCount(); ++r) h += table_->rowHeight(r);
    h = std::min(h, 320);
    table_->setMaximumHeight(h);
    if (auto* split = qobject_cast<QSplitter*>(table_->parentWidget()))
        split->setSizes({h, std::max(split->height() - h - split->handleWidth(), 100)});
}

}  // namespace cs::ui
