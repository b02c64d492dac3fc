// A 2-D slice as an image on any QPainter: colormap, linear or log scale, NaN in a neutral
// grey, axis ranges in array indices, and a colour bar. Used on screen and for PNG export.
#pragma once

#include <QRectF>
#include <QString>

#include "ui/data/slice_sample.h"
#include "ui/painters/colormap.h"

class QPainter;

namespace cs::ui {

class HeatmapPainter {
public:
    struct Options {
        Colormap colormap = Colormap::Viridis;
        bool logScale = false;
        QString rowTitle;
        QString colTitle;
    };

    HeatmapPainter(const SliceSample& sample, Options options);
    void paint(QPainter& painter, const QRectF& bounds) const;
    ColorScale scale() const;

private:
    const SliceSample& sample_;
    Options options_;
};

}  // namespace cs::ui
