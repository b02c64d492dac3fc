#include "ui/painters/task_graph_painter.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

#include "ui/painters/run_style.h"

namespace cs::ui {

namespace {
constexpr double kLegendHeight = 24;
}

StateCounts stateCounts(const GraphBox& box, const std::vector<trace::NodeState>& states) {
    StateCounts c{};
    for (auto id : box.members) {
        const auto s = id < states.size() ? states[id] : trace::NodeState::Waiting;
        ++c[static_cast<std::size_t>(s)];
    }
    return c;
}

void TaskGraphPainter::paintBox(QPainter& p, const GraphBox& box, const StateCounts& counts,
                                bool selected) {
    const QRectF r = box.rect;
    std::size_t total = 0;
    for (auto n : counts) total += n;
    if (box.members.size() <= 1 || total == 0) {
        std::size_t state = 0;
        for (std::size_t s = 0; s < counts.size(); ++s)
            if (counts[s] > 0) state = s;
        p.fillRect(r, nodeStateColor(static_cast<trace::NodeState>(state)));
    } else {
        // Shares of done, running, failed, waiting as one bar left to right.
        double x = r.left();
        for (auto s : {trace::NodeState::Done, trace::NodeState::Running, trace::NodeState::Failed,
                       trace::NodeState::Waiting}) {
            const double w = r.width() * static_cast<double>(counts[static_cast<std::size_t>(s)]) /
                             static_cast<double>(total);
            if (w > 0) p.fillRect(QRectF(x, r.top(), w, r.height()), nodeStateColor(s));
            x += w;
        }
    }
    p.setPen(
        QPen(selected ? QColor(0x10, 0x50, 0xc0) : QColor(0x44, 0x44, 0x44), selected ? 3 : 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
    p.setPen(Qt::black);
    p.drawText(r, Qt::AlignCenter, box.label);
}

void TaskGraphPainter::paintEdge(QPainter& p, const GraphEdge& e) {
    if (e.path.size() < 2) return;
    QPainterPath path(e.path.front());
    if ((e.path.size() - 1) % 3 == 0) {
        for (std::size_t i = 1; i + 2 < e.path.size(); i += 3)
            path.cubicTo(e.path[i], e.path[i + 1], e.path[i + 2]);
    } else {
        for (std::size_t i = 1; i < e.path.size(); ++i) path.lineTo(e.path[i]);
    }
    const QPointF end = e.tip.value_or(e.path.back());
    const QPointF from = e.tip ? e.path.back() : e.path[e.path.size() - 2];
    if (e.tip) path.lineTo(end);
    p.setPen(QPen(QColor(0x70, 0x70, 0x70), 1));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    const double angle = std::atan2(end.y() - from.y(), end.x() - from.x());
    const QPointF a = end - QPointF(std::cos(angle - 0.4), std::sin(angle - 0.4)) * 7;
    const QPointF b = end - QPointF(std::cos(angle + 0.4), std::sin(angle + 0.4)) * 7;
    p.setBrush(QColor(0x70, 0x70, 0x70));
    p.drawPolygon(QPolygonF({end, a, b}));
}

void TaskGraphPainter::paintLegend(QPainter& p, const QRectF& rect) {
    const QFontMetricsF fm(p.font());
    double x = rect.left();
    for (auto s : {trace::NodeState::Waiting, trace::NodeState::Running, trace::NodeState::Done,
                   trace::NodeState::Failed}) {
        p.fillRect(QRectF(x, rect.center().y() - 5, 10, 10), nodeStateColor(s));
        const QString t = QString::fromUtf8(trace::node_state_name(s));
        p.setPen(QColor(0x33, 0x33, 0x33));
        p.drawText(QPointF(x + 14, rect.center().y() + fm.ascent() / 2 - 1), t);
        x += 14 + fm.horizontalAdvance(t) + 14;
    }
}

void TaskGraphPainter::paint(QPainter& p, const QRectF& area, const TaskGraphLayout& layout,
                             const std::vector<trace::NodeState>& states,
                             std::optional<std::size_t> selectedBox) {
    p.save();
    p.fillRect(area, Qt::white);
    p.setRenderHint(QPainter::Antialiasing, true);
    const QRectF plot = area.adjusted(8, 8, -8, -8 - kLegendHeight);
    if (!layout.error.isEmpty() || layout.boxes.empty()) {
        p.setPen(QColor(0x55, 0x55, 0x55));
        p.drawText(QRectF(plot.left(), plot.top(), plot.width(), 20), Qt::AlignLeft,
                   layout.boxes.empty()
                       ? (layout.error.isEmpty() ? QStringLiteral("no tasks") : layout.error)
                       : layout.error);
    }
    if (!layout.boxes.empty() && layout.bounds.width() > 0 && layout.bounds.height() > 0) {
        const double scale = std::min(
            {plot.width() / layout.bounds.width(), plot.height() / layout.bounds.height(), 1.5});
        p.save();
        p.translate(plot.left() + (plot.width() - layout.bounds.width() * scale) / 2,
                    plot.top() + (layout.error.isEmpty() ? 0 : 20));
        p.scale(scale, scale);
        p.translate(-layout.bounds.left(), -layout.bounds.top());
        for (const auto& e : layout.edges) paintEdge(p, e);
        for (std::size_t i = 0; i < layout.boxes.size(); ++i)
            paintBox(p, layout.boxes[i], stateCounts(layout.boxes[i], states), selectedBox == i);
        p.restore();
    }
    paintLegend(p, QRectF(area.left() + 8, area.bottom() - kLegendHeight, area.width() - 16,
                          kLegendHeight));
    p.restore();
}

QSize TaskGraphPainter::pictureSize(const TaskGraphLayout& layout, int maxWidth) {
    if (layout.bounds.width() <= 0) return QSize(maxWidth, 120);
    const double scale = std::min(1.0, (maxWidth - 16) / layout.bounds.width());
    const int h = static_cast<int>(layout.bounds.height() * scale) + 16 +
                  static_cast<int>(kLegendHeight) + (layout.error.isEmpty() ? 0 : 20);
    const int w = std::max(320, static_cast<int>(layout.bounds.width() * scale) + 16);
    return QSize(w, std::clamp(h, 120, 1200));
}

}  // namespace cs::ui
