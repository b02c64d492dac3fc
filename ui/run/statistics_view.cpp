#include "ui/run/statistics_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/painters/chunk_heatmap_painter.h"
#include "ui/painters/run_style.h"

namespace cs::ui {

void ChunkHeatmapWidget::setChunks(std::vector<ChunkCost> chunks) {
    chunks_ = std::move(chunks);
    update();
}

void ChunkHeatmapWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    ChunkHeatmapPainter::paint(p, QRectF(rect()), chunks_);
}

namespace {

QTableWidget* makeTable(const QStringList& headers) {
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

void setRow(QTableWidget* t, int row, const QStringList& cells, const QColor& swatch = {}) {
    for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        if (c == 0 && swatch.isValid()) {
            QPixmap px(10, 10);
            px.fill(swatch);
            item->setIcon(QIcon(px));
        }
        if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        t->setItem(row, c, item);
    }
}

}  // namespace

StatisticsView::StatisticsView(QWidget* parent)
    : QWidget(parent),
      header_(new QLabel),
      phases_(makeTable({QStringLiteral("phase"), QStringLiteral("total"),
                         QStringLiteral("share of wall time (all lanes)")})),
      lanes_(makeTable({QStringLiteral("lane"), QStringLiteral("busy"), QStringLiteral("tasks")})),
      heatmap_(new ChunkHeatmapWidget),
      timer_(new QTimer(this)) {
    header_->setWordWrap(true);
    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* tables = new QVBoxLayout;
    tables->addWidget(header_);
    tables->addWidget(phases_, 3);
    tables->addWidget(lanes_, 2);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(tables, 1);
    layout->addWidget(heatmap_, 1);
    timer_->setInterval(400);
    timer_->setSingleShot(true);
    connect(timer_, &QTimer::timeout, this, [this] {
        if (dirty_ && isVisible()) refresh();
    });
}

void StatisticsView::markDirty() {
    dirty_ = true;
    if (!timer_->isActive()) timer_->start();
}

void StatisticsView::setRun(const trace::Snapshot& run) {
    run_ = run;
    markDirty();
}

void StatisticsView::setRange(std::optional<std::pair<std::int64_t, std::int64_t>> range) {
    range_ = range;
    markDirty();
}

void StatisticsView::showEvent(QShowEvent* e) {
    QWidget::showEvent(e);
    if (dirty_) refresh();
}

void StatisticsView::refresh() {
    dirty_ = false;
    stats_ = computeStatistics(run_, range_);
    header_->setText(
        QStringLiteral("<b>%1</b> — %2 tasks in %3%4<br>lock wait: <b>%5 %</b> of task time · "
                       "in: <b>%6 GB/s</b> · out: <b>%7 GB/s</b> (decoded bytes)")
            .arg(QString::fromStdString(run_.settings.operation).toHtmlEscaped())
            .arg(stats_.tasks)
            .arg(formatDuration(stats_.t1 - stats_.t0))
            .arg(range_ ? QStringLiteral(" (selected range %1 – %2)")
                              .arg(formatDuration(stats_.t0), formatDuration(stats_.t1))
                        : QString())
            .arg(stats_.lockWaitShare() * 100, 0, 'f', 1)
            .arg(stats_.gbPerSecondIn(), 0, 'f', 3)
            .arg(stats_.gbPerSecondOut(), 0, 'f', 3));
    phases_->setRowCount(static_cast<int>(trace::kPhaseCount));
    for (std::size_t p = 0; p < trace::kPhaseCount; ++p) {
        const auto phase = static_cast<trace::Phase>(p);
        setRow(phases_, static_cast<int>(p),
               {phaseLabel(phase), formatDuration(stats_.phase_ns[p]),
                QString::number(stats_.phaseShare(phase) * 100, 'f', 1) + QStringLiteral(" %")},
               phaseColor(phase));
    }
    lanes_->setRowCount(static_cast<int>(stats_.lanes));
    for (std::size_t l = 0; l < stats_.lanes; ++l) {
        const auto [first, last] = run_.visible_range(l, stats_.t0, stats_.t1);
        setRow(lanes_, static_cast<int>(l),
               {QStringLiteral("thread %1").arg(l),
                QString::number(stats_.laneBusyShare(l) * 100, 'f', 1) + QStringLiteral(" %"),
                QString::number(last - first)});
    }
    heatmap_->setChunks(stats_.chunks);
}

}  // namespace cs::ui
