// The plan's task graph laid out by Graphviz "dot" (libgvc/libcgraph), as boxes and edge
// polylines in points; the window and the report then draw it themselves. Graphs above a
// threshold are collapsed into one box per (task kind, level) so a 10,000-task plan still reads
// as "reduce ×10000 -> combine ×1250 -> ... -> finalize".
#pragma once

#include <QPointF>
#include <QRectF>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/trace/task_graph.h"

namespace cs::ui {

struct GraphBox {
    QRectF rect;  // in layout points, y down
    QString label;
    trace::TaskKind kind = trace::TaskKind::Other;
    std::vector<std::uint64_t> members;  // task ids in this box (one unless collapsed)
};

struct GraphEdge {
    std::size_t from = 0, to = 0;  // box indices
    std::vector<QPointF> path;     // cubic Bezier points (1 + 3n) from producer to consumer
    std::optional<QPointF> tip;    // where the arrow head ends, when Graphviz gave one
};

struct TaskGraphLayout {
    std::vector<GraphBox> boxes;
    std::vector<GraphEdge> edges;
    QRectF bounds;
    bool collapsed = false;
    QString error;  // set when Graphviz failed (the boxes are then empty)
};

inline constexpr std::size_t kCollapseThreshold = 60;
inline constexpr std::size_t kMaxExpandedNodes = 1500;

// collapse: group by kind and level; when false and the graph has more than kMaxExpandedNodes
// nodes, it is collapsed anyway (dot would take too long) and the layout says so in `error`.
TaskGraphLayout layoutTaskGraph(const trace::TaskGraph& graph, bool collapse);
// Collapses above kCollapseThreshold.
TaskGraphLayout layoutTaskGraph(const trace::TaskGraph& graph);
// The box holding task `id`, or -1.
int boxOfTask(const TaskGraphLayout& layout, std::uint64_t id);

}  // namespace cs::ui
