#include "ui/painters/heatmap_painter.h"

#include <QFontMetricsF>
#include <QImage>
#include <QObject>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace cs::ui {

namespace {
constexpr double kColorBarWidth = 90;
const QColor kText(0x20, 0x24, 0x28);
constexpr QRgb kNaN = 0xffc8c8c8;
}  // namespace

HeatmapPainter::HeatmapPainter(const SliceSample& sample, Options options)
    : sample_(sample), options_(std::move(options)) {}

ColorScale HeatmapPainter::scale() const {
    ColorScale s{sample_.stats.min, sample_.stats.max, options_.logScale};
    if (s.log && s.min <= 0) {
        // Log of non-positive values is undefined: start the scale at the smallest positive value.
        double smallest = 0;
        for (double v : sample_.values)
            if (v > 0 && (smallest == 0 || v < smallest)) smallest = v;
        s.min = smallest > 0 ? smallest : 1;
        if (s.max < s.min) s.max = s.min;
    }
    return s;
}

void HeatmapPainter::paint(QPainter& painter, const QRectF& bounds) const {
    painter.save();
    const QFontMetricsF fm(painter.font());
    painter.setPen(kText);
    if (sample_.values.empty() || !sample_.numeric) {
        painter.drawText(bounds, Qt::AlignCenter,
                         sample_.numeric ? QObject::tr("Empty slice")
                                         : QObject::tr("No heatmap for this dtype: see the table"));
        painter.restore();
        return;
    }
    const double line = fm.height();
    QRectF area = bounds.adjusted(line + 8, line + 6, -kColorBarWidth - 12, -(line + 8));
    // Elements are stretched to fill the area (like matplotlib's aspect="auto"): slices of
    // real data are often 10000 x 765, which square elements would turn into a thin strip.
    const ColorScale s = scale();
    QImage image(sample_.sampleCols, sample_.sampleRows, QImage::Format_RGB32);
    for (int r = 0; r < sample_.sampleRows; ++r) {
        auto* line32 = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int c = 0; c < sample_.sampleCols; ++c) {
            const double v = sample_.at(r, c);
            line32[c] = std::isnan(v) ? kNaN : colormapColor(options_.colormap, s.normalized(v));
        }
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(area, image);
    painter.setPen(QColor(0x50, 0x50, 0x50));
    painter.drawRect(area);

    painter.setPen(kText);
    painter.drawText(QRectF(area.left(), bounds.top(), area.width(), line + 4),
                     Qt::AlignHCenter | Qt::AlignTop,
                     QStringLiteral("%1: 0 … %2").arg(options_.colTitle).arg(sample_.cols - 1));
    painter.save();
    painter.translate(bounds.left() + 2, area.top() + area.height() / 2);
    painter.rotate(-90);
    painter.drawText(
        QRectF(-std::max(area.height(), 200.0) / 2, 0, std::max(area.height(), 200.0), line + 4),
        Qt::AlignHCenter | Qt::AlignTop,
        QStringLiteral("%1: 0 … %2").arg(options_.rowTitle).arg(sample_.rows - 1));
    painter.restore();
    if (sample_.sampled()) {
        painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), line + 2),
                         Qt::AlignLeft | Qt::AlignTop,
                         QObject::tr("sampled: every %1 rows, every %2 columns")
                             .arg(sample_.rowStep)
                             .arg(sample_.colStep));
    }
    paintColorBar(painter,
                  QRectF(bounds.right() - kColorBarWidth, area.top(), kColorBarWidth,
                         std::max(area.height(), 100.0)),
                  options_.colormap, s, [](double v) { return QString::number(v, 'g', 4); });
    painter.restore();
}

}  // namespace cs::ui
