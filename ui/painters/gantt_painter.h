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

class GanttPainter {
public:
    // `mapping` gives the visible time range; its pixel range is set to the plot rectangle.
    static void paint(QPainter& painter, const QRectF& area, const trace::Snapshot& run,
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
