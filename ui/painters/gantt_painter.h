// The task Gantt chart: one lane per worker thread, each task a bar whose inside shows its phases
// (lock wait, read, decode, compute, encode, write) in the phase colours, a time axis on top and
// a legend below. Draws on any QPainter (widget, QImage, QSvgGenerator). Culls and folds through
// foldLane(), so its cost follows the pixels, not the number of tasks.
#pragma once

#include <QRectF>
#include <QString>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "core/trace/snapshot.h"
#include "ui/painters/time_mapping.h"

class QPainter;

namespace cs::ui {

// Where things go inside the painter's rectangle; the widget uses it for hit-testing too.
struct GanttGeometry {
    QRectF area;
    std::size_t lanes = 0;
    bool legend = true;
    static constexpr double kLabelWidth = 74;
    static constexpr double kAxisHeight = 24;
    static constexpr double kLaneHeight = 22;
    static constexpr double kLaneGap = 4;
    static constexpr double kLegendHeight = 24;

    QRectF plotRect() const;  // the lanes, right of the labels, under the axis
    QRectF axisRect() const;
    QRectF laneRect(std::size_t lane) const;
    int laneAt(double y) const;  // -1 outside every lane
    // The height that shows `lanes` lanes without squeezing.
    static double preferredHeight(std::size_t lanes, bool legend = true);
};

struct GanttOptions {
    std::optional<std::pair<std::int64_t, std::int64_t>> selection;  // rubber-band time range
    std::optional<std::uint64_t> highlightedTask;                    // task id to outline
    bool legend = true;
    QString title;  // drawn in the top-left corner above the labels, when set
};

// What paintBase drew in each lane, so paintBaseIncrement can add what a later snapshot of the
// same run appended.
struct GanttBaseState {
    std::vector<std::size_t> counts;  // finished records drawn, per lane
    std::vector<double> tails;        // pixel from which a lane may still change
};

class GanttPainter {
public:
    // `mapping` gives the visible time range; its pixel range is set to the plot rectangle.
    // Paints paintBase, then paintOverlays.
    static void paint(QPainter& painter, const QRectF& area, const trace::Snapshot& run,
                      TimeMapping mapping, const GanttOptions& options = {});
    // The part that only grows while a run goes (axis, grid, labels, finished tasks, legend), for
    // a view to keep in an image: a live refresh then paints only the lanes' new tail.
    static GanttBaseState paintBase(QPainter& painter, const QRectF& area,
                                    const trace::Snapshot& run, TimeMapping mapping,
                                    const GanttOptions& options = {});
    // Adds to a base painted for an earlier snapshot of the same run, with the same area,
    // mapping and options, the records appended since: the same pixels as paintBase(run). False
    // (nothing painted) when `state` cannot be from such a snapshot (lanes changed or shrank).
    static bool paintBaseIncrement(QPainter& painter, const QRectF& area,
                                   const trace::Snapshot& run, TimeMapping mapping,
                                   const GanttOptions& options, GanttBaseState& state);
    // What changes at every refresh, over the base: running tasks, the highlighted task, the
    // rubber-band selection.
    static void paintOverlays(QPainter& painter, const QRectF& area, const trace::Snapshot& run,
                              TimeMapping mapping, const GanttOptions& options = {});
    // The mapping `paint` uses for the time range [t0, t1] in `area`.
    static TimeMapping mappingFor(const QRectF& area, std::size_t lanes, std::int64_t t0,
                                  std::int64_t t1, bool legend = true);
    // The finished task under `pos`, if any (exact at any zoom: binary search in the lane).
    static std::optional<trace::TaskRecord> taskAt(const trace::Snapshot& run, const QRectF& area,
                                                   const TimeMapping& mapping, QPointF pos,
                                                   bool legend = true);
    // The phase legend in `rect` (also used under the comparison's stacked Gantts).
    static void paintLegend(QPainter& painter, const QRectF& rect);
};

}  // namespace cs::ui
