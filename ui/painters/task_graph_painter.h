// Draws a laid-out task graph (task_graph_layout.h): boxes filled by the state of their tasks
// (waiting, running, done, failed: a collapsed box shows the shares as a bar), labels, and edges
// with arrow heads. Used by the report and, box by box, by the window's graph view.
#pragma once

#include <QRectF>
#include <QSize>

#include <array>
#include <optional>
#include <vector>

#include "core/trace/task_graph.h"
#include "ui/painters/task_graph_layout.h"

class QPainter;

namespace cs::ui {

// Tasks of a box in each state, indexed by NodeState.
using StateCounts = std::array<std::size_t, 4>;
StateCounts stateCounts(const GraphBox& box, const std::vector<trace::NodeState>& states);

class TaskGraphPainter {
public:
    // Fits the layout into `area` (keeping its aspect), with a state legend at the bottom.
    static void paint(QPainter& painter, const QRectF& area, const TaskGraphLayout& layout,
                      const std::vector<trace::NodeState>& states,
                      std::optional<std::size_t> selectedBox = std::nullopt);
    // One box in layout coordinates (the view draws boxes as items through this).
    static void paintBox(QPainter& painter, const GraphBox& box, const StateCounts& counts,
                         bool selected);
    static void paintEdge(QPainter& painter, const GraphEdge& edge);
    static void paintLegend(QPainter& painter, const QRectF& rect);
    // A picture size that shows the layout legibly within `maxWidth`.
    static QSize pictureSize(const TaskGraphLayout& layout, int maxWidth);
};

}  // namespace cs::ui
