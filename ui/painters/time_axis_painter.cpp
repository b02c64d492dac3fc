#include "ui/painters/time_axis_painter.h"

#include <QPainter>

#include <cmath>

#include "ui/painters/run_style.h"

namespace cs::ui {

std::int64_t tickStep(const TimeMapping& mapping, double minPixels) {
    const double wanted = minPixels / mapping.pixelsPerNs();
    std::int64_t step = 1;
    for (;;) {
        for (std::int64_t m : {1, 2, 5}) {
            if (static_cast<double>(step * m) >= wanted) return step * m;
        }
        if (step > (std::int64_t{1} << 60) / 10) return step;
        step *= 10;
    }
}

std::vector<std::int64_t> timeTicks(const TimeMapping& mapping, double minPixels) {
    std::vector<std::int64_t> ticks;
    if (mapping.span() <= 0 || mapping.width <= 0) return ticks;
    const std::int64_t step = tickStep(mapping, minPixels);
    std::int64_t t = (mapping.t0 / step) * step;
    if (t < mapping.t0) t += step;
    for (; t <= mapping.t1 && ticks.size() < 1000; t += step) ticks.push_back(t);
    return ticks;
}

void paintTimeAxis(QPainter& painter, const QRectF& rect, const TimeMapping& mapping) {
    painter.save();
    painter.setPen(QColor(0x44, 0x44, 0x44));
    painter.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()));
    const QFontMetricsF fm(painter.font());
    for (std::int64_t t : timeTicks(mapping)) {
        const double x = mapping.toX(t);
        painter.drawLine(QPointF(x, rect.bottom() - 4), QPointF(x, rect.bottom()));
        const QString label = formatDuration(t);
        const double w = fm.horizontalAdvance(label);
        double lx = x - w / 2;
        if (lx < rect.left()) lx = rect.left();
        if (lx + w > rect.right()) lx = rect.right() - w;
        painter.drawText(QPointF(lx, rect.bottom() - 6), label);
    }
    painter.restore();
}

void paintTimeGrid(QPainter& painter, const QRectF& rect, const TimeMapping& mapping) {
    painter.save();
    painter.setPen(QPen(QColor(0, 0, 0, 28), 0));
    for (std::int64_t t : timeTicks(mapping)) {
        const double x = mapping.toX(t);
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()));
    }
    painter.restore();
}

}  // namespace cs::ui
