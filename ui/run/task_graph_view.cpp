#include "ui/run/task_graph_view.h"

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

#include "ui/painters/task_graph_painter.h"

namespace cs::ui {

class TaskGraphView::BoxItem : public QGraphicsItem {
public:
    BoxItem(const TaskGraphView* view, std::size_t index) : view_(view), index_(index) {}
    QRectF boundingRect() const override {
        return view_->layout_.boxes[index_].rect.adjusted(-3, -3, 3, 3);
    }
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
        const auto& box = view_->layout_.boxes[index_];
        TaskGraphPainter::paintBox(*p, box, stateCounts(box, view_->states_),
                                   static_cast<int>(index_) == view_->selected_);
    }

private:
    const TaskGraphView* view_;
    std::size_t index_;
};

namespace {

class EdgeItem : public QGraphicsItem {
public:
    explicit EdgeItem(GraphEdge edge) : edge_(std::move(edge)) {
        for (const auto& pt : edge_.path) bounds_ |= QRectF(pt, QSizeF(1, 1));
        if (edge_.tip) bounds_ |= QRectF(*edge_.tip, QSizeF(1, 1));
        bounds_.adjust(-8, -8, 8, 8);
    }
    QRectF boundingRect() const override { return bounds_; }
    void paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) override {
        TaskGraphPainter::paintEdge(*p, edge_);
    }

private:
    GraphEdge edge_;
    QRectF bounds_;
};

}  // namespace

TaskGraphView::TaskGraphView(QWidget* parent)
    : QGraphicsView(parent), scene_(new QGraphicsScene(this)) {
    setScene(scene_);
    setRenderHint(QPainter::Antialiasing, true);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setBackgroundBrush(Qt::white);
}

void TaskGraphView::setRun(const trace::Snapshot& run) {
    states_ = run.node_states;
    if (run.graph != graph_) {
        graph_ = run.graph;
        rebuild();
    } else {
        scene_->update();
    }
}

void TaskGraphView::setExpanded(bool expanded) {
    if (expanded == expanded_) return;
    expanded_ = expanded;
    rebuild();
}

void TaskGraphView::rebuild() {
    scene_->clear();
    boxes_.clear();
    selected_ = -1;
    if (!graph_) {
        layout_ = {};
        return;
    }
    layout_ = layoutTaskGraph(*graph_, !expanded_ && graph_->size() > kCollapseThreshold);
    for (const auto& e : layout_.edges) scene_->addItem(new EdgeItem(e));
    for (std::size_t i = 0; i < layout_.boxes.size(); ++i) {
        auto* item = new BoxItem(this, i);
        scene_->addItem(item);
        boxes_.push_back(item);
    }
    if (!layout_.error.isEmpty())
        scene_->addText(layout_.error)->setPos(layout_.bounds.left(), -24);
    scene_->setSceneRect(layout_.bounds.adjusted(-20, -30, 20, 20));
    fitInView(scene_->sceneRect(), Qt::KeepAspectRatio);
    if (transform().m11() > 1.5) setTransform(QTransform::fromScale(1.5, 1.5));
}

void TaskGraphView::selectTask(std::uint64_t id) {
    selected_ = boxOfTask(layout_, id);
    if (selected_ >= 0) ensureVisible(layout_.boxes[static_cast<std::size_t>(selected_)].rect);
    scene_->update();
}

int TaskGraphView::boxAt(QPoint pos) const {
    const QPointF s = mapToScene(pos);
    for (std::size_t i = 0; i < layout_.boxes.size(); ++i)
        if (layout_.boxes[i].rect.contains(s)) return static_cast<int>(i);
    return -1;
}

void TaskGraphView::wheelEvent(QWheelEvent* e) {
    const double f = std::pow(1.2, e->angleDelta().y() / 120.0);
    scale(f, f);
    e->accept();
}

void TaskGraphView::mousePressEvent(QMouseEvent* e) {
    const int box = boxAt(e->pos());
    if (box >= 0 && e->button() == Qt::LeftButton) {
        selected_ = box;
        scene_->update();
        const auto& members = layout_.boxes[static_cast<std::size_t>(box)].members;
        if (!members.empty()) emit taskClicked(members.front());
    }
    QGraphicsView::mousePressEvent(e);
}

void TaskGraphView::mouseDoubleClickEvent(QMouseEvent* e) {
    const int box = boxAt(e->pos());
    if (box >= 0 && layout_.collapsed) setExpanded(true);
    QGraphicsView::mouseDoubleClickEvent(e);
}

}  // namespace cs::ui
