#include "ui/painters/colormap.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace cs::ui {

namespace {

// Ten evenly spaced samples of matplotlib's maps; linear interpolation between them is within
// a few units of the full tables, which is plenty for a screen.
constexpr std::array<QRgb, 10> kViridis = {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e,
                                           0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725};
constexpr std::array<QRgb, 10> kMagma = {0x000004, 0x180f3d, 0x440f76, 0x721f81, 0x9e2f7f,
                                         0xcd4071, 0xf1605d, 0xfd9668, 0xfeca8d, 0xfcfdbf};

QRgb interpolate(const std::array<QRgb, 10>& table, double t) {
    const double x = t * 9.0;
    const int i = std::clamp(static_cast<int>(x), 0, 8);
    const double f = x - i;
    auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
    const QRgb a = table[static_cast<std::size_t>(i)], b = table[static_cast<std::size_t>(i) + 1];
    return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

}  // namespace

QStringList colormapNames() {
    return {QStringLiteral("viridis"), QStringLiteral("magma"), QStringLiteral("gray")};
}

QRgb colormapColor(Colormap map, double t) {
    if (std::isnan(t)) t = 0;
    t = std::clamp(t, 0.0, 1.0);
    switch (map) {
        case Colormap::Viridis:
            return interpolate(kViridis, t);
        case Colormap::Magma:
            return interpolate(kMagma, t);
        case Colormap::Gray: {
            const int g = static_cast<int>(std::lround(t * 255));
            return qRgb(g, g, g);
        }
    }
    return qRgb(0, 0, 0);
}

double ColorScale::normalized(double v) const {
    if (std::isnan(v)) return std::nan("");
    if (log) {
        const double lo = std::log10(std::max(min, 1e-300));
        const double hi = std::log10(std::max(max, 1e-300));
        if (hi <= lo) return 0.5;
        return std::clamp((std::log10(std::max(v, 1e-300)) - lo) / (hi - lo), 0.0, 1.0);
    }
    if (max <= min) return 0.5;
    return std::clamp((v - min) / (max - min), 0.0, 1.0);
}

double ColorScale::valueAt(double t) const {
    if (log) {
        const double lo = std::log10(std::max(min, 1e-300));
        const double hi = std::log10(std::max(max, 1e-300));
        return std::pow(10.0, lo + (hi - lo) * t);
    }
    return min + (max - min) * t;
}

void paintColorBar(QPainter& painter, const QRectF& rect, Colormap map, const ColorScale& scale,
                   const std::function<QString(double)>& label) {
    painter.save();
    const QFontMetricsF fm(painter.font());
    const QRectF bar(rect.left(), rect.top() + fm.height() / 2, 14, rect.height() - fm.height());
    if (bar.height() < 4) {
        painter.restore();
        return;
    }
    const int steps = std::max(2, static_cast<int>(bar.height()));
    for (int i = 0; i < steps; ++i) {
        const double t = 1.0 - static_cast<double>(i) / (steps - 1);
        painter.fillRect(QRectF(bar.left(), bar.top() + bar.height() * i / steps, bar.width(),
                                bar.height() / steps + 1),
                         QColor(colormapColor(map, t)));
    }
    painter.setPen(QColor(0x60, 0x60, 0x60));
    painter.drawRect(bar);
    const int ticks = scale.max > scale.min ? 5 : 1;  // one label when every value is equal
    for (int i = 0; i < ticks; ++i) {
        const double t = ticks > 1 ? static_cast<double>(i) / (ticks - 1) : 0.5;
        const double y = bar.bottom() - t * bar.height();
        painter.drawLine(QPointF(bar.right(), y), QPointF(bar.right() + 3, y));
        painter.drawText(QRectF(bar.right() + 5, y - fm.height() / 2,
                                rect.width() - bar.width() - 5, fm.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, label(scale.valueAt(t)));
    }
    painter.restore();
}

}  // namespace cs::ui
