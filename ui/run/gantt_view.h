// The task Gantt on screen: GanttPainter over a widget with wheel zoom (around the cursor), drag
// to pan, shift+drag (or right-drag) for a rubber-band time range that filters the other views,
// hover tooltips (kind, chunk, phase durations, bytes) and a highlighted task. While a run goes
// on the view follows its end (rounded up in steps, see followedEnd) unless the user has zoomed or
// panned. The finished tasks are kept in an image between paints: with the mapping unchanged a
// live refresh paints only each lane's new tail, then the running tasks, highlight and selection.
#pragma once

#include <QImage>
#include <QWidget>

#include <optional>
#include <utility>

#include "core/trace/snapshot.h"
#include "ui/painters/gantt_painter.h"
#include "ui/painters/time_mapping.h"

namespace cs::ui {

class GanttView : public QWidget {
    Q_OBJECT
public:
    explicit GanttView(QWidget* parent = nullptr);

    void setRun(const trace::Snapshot& run);
    const trace::Snapshot& run() const { return run_; }
    const TimeMapping& mapping() const { return mapping_; }
    // Shows [t0, t1] (e.g. to match a shared time axis) and stops following the run's end.
    void setVisibleRange(std::int64_t t0, std::int64_t t1);
    void zoomToFit();
    void highlightTask(std::optional<std::uint64_t> id);
    std::optional<std::pair<std::int64_t, std::int64_t>> selection() const { return selection_; }
    void clearSelection();
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // Tooltip text of a task (also used by the tests).
    static QString describeTask(const trace::TaskRecord& record);
    // How often the kept base picture was painted whole (not just the lanes' new tails): for
    // tests and benchmarks.
    int fullBasePaints() const { return fullBasePaints_; }

signals:
    void visibleRangeChanged(std::int64_t t0, std::int64_t t1);
    void selectionChanged(std::optional<std::pair<std::int64_t, std::int64_t>> range);
    void taskClicked(std::uint64_t id);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    void updatePixelRange();
    // Brings base_ up to date with run_: whole when the run, size or mapping changed, else the
    // records appended since the last paint.
    void paintBase();
    std::int64_t runEnd() const;
    // Where a following view ends: the run's end, or while it runs that end rounded up in steps
    // (followedEnd), so most live refreshes keep the mapping and paint only the new tasks.
    std::int64_t followedRunEnd() const;

    trace::Snapshot run_;
    TimeMapping mapping_;
    bool follow_ = true;  // keep the whole run in view as it grows
    std::optional<std::pair<std::int64_t, std::int64_t>> selection_;
    std::optional<std::uint64_t> highlighted_;
    enum class Drag { None, Pan, Select } drag_ = Drag::None;
    QPointF dragStart_;
    std::int64_t selectStart_ = 0;
    bool moved_ = false;

    // The Gantt without its overlays (running tasks, highlight, selection), kept between paints:
    // while a run goes each refresh adds the newly finished tasks instead of painting it all.
    struct BaseKey {
        const void* graph = nullptr;
        std::int64_t start = 0, t0 = 0, t1 = 0;
        QSize size;
        qreal dpr = 1;
        bool operator==(const BaseKey&) const = default;
    };
    QImage base_;
    GanttBaseState baseState_;
    BaseKey baseKey_;
    bool baseValid_ = false;
    int fullBasePaints_ = 0;
};

}  // namespace cs::ui
