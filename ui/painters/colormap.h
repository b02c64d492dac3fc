// Colour maps and the value -> [0, 1] scaling (linear or log) shared by the chunk map and the
// data heatmap, and the colour bar that explains them.
#pragma once

#include <QColor>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <functional>

class QPainter;

namespace cs::ui {

enum class Colormap { Viridis, Magma, Gray };

QStringList colormapNames();                 // in enum order, for combo boxes
QRgb colormapColor(Colormap map, double t);  // t in [0, 1], clamped; NaN -> t = 0

struct ColorScale {
    double min = 0;
    double max = 1;
    bool log = false;  // log10 scaling; values <= 0 clamp to the smallest positive value

    // Position of `v` on the scale in [0, 1]; NaN for NaN.
    double normalized(double v) const;
    // The value at position t in [0, 1] (inverse of normalized).
    double valueAt(double t) const;
};

// A vertical colour bar in `rect` (bar plus tick labels to its right) for `scale`.
void paintColorBar(QPainter& painter, const QRectF& rect, Colormap map, const ColorScale& scale,
                   const std::function<QString(double)>& label);

}  // namespace cs::ui
