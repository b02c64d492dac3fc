// The plan's task graph on screen: laid out by Graphviz (task_graph_layout.h), drawn as items in
// a QGraphicsScene with TaskGraphPainter, coloured by task state as the run goes. Wheel to zoom,
// drag to pan; clicking a node selects its task (the Gantt highlights it); double-clicking a
// collapsed group (or "Expand groups") lays the graph out task by task.
#pragma once

#include <QGraphicsView>

#include <memory>
#include <vector>

#include "core/trace/snapshot.h"
#include "ui/painters/task_graph_layout.h"

class QGraphicsScene;

namespace cs::ui {

class TaskGraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit TaskGraphView(QWidget* parent = nullptr);
    void setRun(const trace::Snapshot& run);
    void setExpanded(bool expanded);
    bool expanded() const { return expanded_; }
    const TaskGraphLayout& layout() const { return layout_; }
    // Outlines the box holding task `id`.
    void selectTask(std::uint64_t id);

signals:
    void taskClicked(std::uint64_t id);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    class BoxItem;
    void rebuild();
    int boxAt(QPoint pos) const;

    QGraphicsScene* scene_;
    std::shared_ptr<const trace::TaskGraph> graph_;
    std::vector<trace::NodeState> states_;
    TaskGraphLayout layout_;
    std::vector<BoxItem*> boxes_;
    int selected_ = -1;
    bool expanded_ = false;
};

}  // namespace cs::ui
