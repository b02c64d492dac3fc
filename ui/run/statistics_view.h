// The statistics of a run or of the Gantt's selected time range: per phase total and share of
// the lanes' wall time, per lane busy share, lock wait share, GB/s in and out, and the
// chunk-cost heatmap over the chunk grid. Recomputed at most a few times a second, and only
// while visible, so a live run is not slowed by it.
#pragma once

#include <QWidget>

#include <optional>
#include <utility>

#include "core/trace/snapshot.h"
#include "ui/painters/run_statistics.h"

class QLabel;
class QTableWidget;
class QTimer;

namespace cs::ui {

class ChunkHeatmapWidget : public QWidget {
    Q_OBJECT
public:
    explicit ChunkHeatmapWidget(QWidget* parent = nullptr) : QWidget(parent) {}
    void setChunks(std::vector<ChunkCost> chunks);
    QSize sizeHint() const override { return QSize(420, 360); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<ChunkCost> chunks_;
};

class StatisticsView : public QWidget {
    Q_OBJECT
public:
    explicit StatisticsView(QWidget* parent = nullptr);
    void setRun(const trace::Snapshot& run);
    void setRange(std::optional<std::pair<std::int64_t, std::int64_t>> range);
    const RunStatistics& statistics() const { return stats_; }
    // Recomputes now (tests, screenshots).
    void refresh();
    ChunkHeatmapWidget* heatmap() const { return heatmap_; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void markDirty();

    trace::Snapshot run_;
    std::optional<std::pair<std::int64_t, std::int64_t>> range_;
    RunStatistics stats_;
    bool dirty_ = false;
    QLabel* header_;
    QTableWidget* phases_;
    QTableWidget* lanes_;
    ChunkHeatmapWidget* heatmap_;
    QTimer* timer_;
};

}  // namespace cs::ui
