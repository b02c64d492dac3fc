// The resource timelines of a run: process CPU (in % of one core, so 200% on two cores fills the
// chart; per-core busy % as an option), resident memory, and storage read/write rates. Drawn
// with the same left margin and time mapping as the Gantt, so the charts line up under it.
#pragma once

#include <QRectF>
#include <QString>

#include <cstdint>

#include "core/trace/snapshot.h"
#include "ui/painters/time_mapping.h"

class QPainter;

namespace cs::ui {

enum class ResourceChart { Cpu, Memory, Disk };

struct ResourceOptions {
    bool perCore = false;     // CPU: one thin line per core besides the process total
    std::uint32_t cores = 0;  // CPU: the full scale is cores * 100%; 0 = this machine's
    QString title;            // drawn before the chart's own name
};

class ResourcePainter {
public:
    static constexpr double kAxisHeight = 18;  // time labels under the plot
    // The plot rectangle inside `area` (same left edge as GanttGeometry::plotRect()).
    static QRectF plotRect(const QRectF& area);
    static void paint(QPainter& painter, const QRectF& area, const trace::Snapshot& run,
                      TimeMapping mapping, ResourceChart chart,
                      const ResourceOptions& options = {});
    static QString chartName(ResourceChart chart);
};

}  // namespace cs::ui
