#include "ui/painters/chunk_map_painter.h"

#include <QFontMetricsF>
#include <QImage>
#include <QObject>
#include <QPainter>

#include <algorithm>
#include <cmath>

#include "ui/format/display_format.h"

namespace cs::ui {

namespace {
constexpr double kColorBarWidth = 90;
constexpr QRgb kMissing = 0xffd8d8d8;
constexpr QRgb kText = 0xff202428;
}  // namespace

ChunkMapPainter::ChunkMapPainter(const ChunkMapData& data, Options options)
    : data_(data), options_(std::move(options)) {}

QRectF ChunkMapPainter::gridRect(const QRectF& bounds) const {
    const double line = QFontMetricsF(QFont()).height();
    QRectF area = bounds.adjusted(line + 8, line + 6, -kColorBarWidth - 10, -(line * 1.6 + 6));
    if (data_.rows <= 0 || data_.cols <= 0 || area.width() <= 0 || area.height() <= 0) return area;
    // Cells fill the area but are never more than 4 times wider than tall (or taller than
    // wide), so a chunk grid still reads as a grid and a 2 x 77 grid is not a thin strip.
    double cellW = area.width() / data_.cols, cellH = area.height() / data_.rows;
    cellW = std::min(cellW, cellH * 4);
    cellH = std::min(cellH, cellW * 4);
    // Long, thin grids (a 1-D array of 12,000 chunks is 1 x 12,000) fold many chunks into each
    // pixel anyway: they keep at least three text lines of height (or width), not a hairline.
    const double least = 3 * line;
    if (cellH * data_.rows < least) cellH = std::min(area.height(), least) / data_.rows;
    if (cellW * data_.cols < least) cellW = std::min(area.width(), least) / data_.cols;
    area = QRectF(area.left(), area.top(), cellW * data_.cols, cellH * data_.rows);
    return area;
}

void ChunkMapPainter::paint(QPainter& painter, const QRectF& bounds) const {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    const QRectF grid = gridRect(bounds);
    const QFontMetricsF fm(painter.font());
    painter.setPen(QColor(kText));
    if (data_.rows <= 0 || data_.cols <= 0 || grid.width() <= 0 || grid.height() <= 0) {
        painter.drawText(bounds, Qt::AlignCenter, QObject::tr("No chunks"));
        painter.restore();
        return;
    }

    ColorScale scale{data_.minValue, data_.maxValue, options_.logScale};
    // Render cells into an image of at most one pixel per chunk, then scale it up without
    // smoothing: a million chunks cost one image, not a million rectangles.
    const int imgW = std::max(1, std::min(data_.cols, static_cast<int>(std::ceil(grid.width()))));
    const int imgH = std::max(1, std::min(data_.rows, static_cast<int>(std::ceil(grid.height()))));
    QImage image(imgW, imgH, QImage::Format_RGB32);
    image.fill(kMissing);
    std::vector<double> best(static_cast<std::size_t>(imgW) * imgH, std::nan(""));
    for (int r = 0; r < data_.rows; ++r) {
        const int y = static_cast<int>(static_cast<long long>(r) * imgH / data_.rows);
        for (int c = 0; c < data_.cols; ++c) {
            const auto v = data_.value(r, c);
            if (!v) continue;
            const int x = static_cast<int>(static_cast<long long>(c) * imgW / data_.cols);
            double& b = best[static_cast<std::size_t>(y) * imgW + x];
            if (std::isnan(b) || *v > b) b = *v;
        }
    }
    for (int y = 0; y < imgH; ++y)
        for (int x = 0; x < imgW; ++x) {
            const double b = best[static_cast<std::size_t>(y) * imgW + x];
            if (!std::isnan(b))
                image.setPixel(x, y, colormapColor(options_.colormap, scale.normalized(b)));
        }
    painter.drawImage(grid, image);

    const double cellW = grid.width() / data_.cols, cellH = grid.height() / data_.rows;
    if (cellW >= 6 && cellH >= 6) {
        // Cells big enough to see: hatch missing chunks and draw the grid lines.
        painter.setPen(QPen(QColor(0x9a, 0x9a, 0x9a), 0));
        for (int r = 0; r < data_.rows; ++r)
            for (int c = 0; c < data_.cols; ++c)
                if (!data_.value(r, c)) {
                    const QRectF cell(grid.left() + c * cellW, grid.top() + r * cellH, cellW,
                                      cellH);
                    painter.drawLine(cell.topLeft(), cell.bottomRight());
                    painter.drawLine(cell.topRight(), cell.bottomLeft());
                }
        painter.setPen(QPen(QColor(255, 255, 255, 160), 0));
        for (int c = 1; c < data_.cols; ++c)
            painter.drawLine(QPointF(grid.left() + c * cellW, grid.top()),
                             QPointF(grid.left() + c * cellW, grid.bottom()));
        for (int r = 1; r < data_.rows; ++r)
            painter.drawLine(QPointF(grid.left(), grid.top() + r * cellH),
                             QPointF(grid.right(), grid.top() + r * cellH));
    }
    // Shard boundaries over the cell lines, so the shard a chunk sits in reads at a glance.
    painter.setPen(QPen(QColor(0x20, 0x20, 0x20), 2.5));
    for (const QLineF& line : shardBoundaries(bounds)) painter.drawLine(line);
    painter.setPen(QColor(0x50, 0x50, 0x50));
    painter.drawRect(grid);

    // Titles: columns above, rows rotated on the left, legend for missing chunks below.
    painter.setPen(QColor(kText));
    painter.drawText(QRectF(grid.left(), bounds.top(), grid.width(), fm.height() + 4),
                     Qt::AlignHCenter | Qt::AlignTop,
                     QStringLiteral("%1 → %2").arg(options_.colTitle).arg(data_.cols));
    painter.save();
    painter.translate(bounds.left() + 2, grid.top() + grid.height() / 2);
    painter.rotate(-90);
    const double rowTitleWidth =
        std::max(grid.height(), fm.horizontalAdvance(options_.rowTitle) + 40);
    painter.drawText(QRectF(-rowTitleWidth / 2, 0, rowTitleWidth, fm.height() + 4),
                     Qt::AlignHCenter | Qt::AlignTop,
                     QStringLiteral("%1 → %2").arg(options_.rowTitle).arg(data_.rows));
    painter.restore();
    const QRectF swatch(grid.left(), grid.bottom() + 8, fm.height() * 0.8, fm.height() * 0.8);
    painter.fillRect(swatch, QColor::fromRgb(kMissing));
    painter.setPen(QColor(0x9a, 0x9a, 0x9a));
    painter.drawLine(swatch.topLeft(), swatch.bottomRight());
    painter.drawLine(swatch.topRight(), swatch.bottomLeft());
    painter.setPen(QColor(kText));
    painter.drawText(QPointF(swatch.right() + 6, swatch.bottom() - 1),
                     QObject::tr("never written (%1 in this view)").arg(data_.missingCount()));

    const bool bytes = data_.metric == ChunkMetric::StoredBytes;
    paintColorBar(painter,
                  QRectF(bounds.right() - kColorBarWidth, grid.top(), kColorBarWidth,
                         std::max(grid.height(), 80.0)),
                  options_.colormap, scale, [bytes](double v) {
                      return bytes ? formatBytes(static_cast<std::uint64_t>(std::max(0.0, v)))
                                   : formatRatio(v);
                  });
    painter.restore();
}

std::vector<QLineF> ChunkMapPainter::shardBoundaries(const QRectF& bounds) const {
    std::vector<QLineF> lines;
    if (data_.rows <= 0 || data_.cols <= 0) return lines;
    const QRectF grid = gridRect(bounds);
    const double cellW = grid.width() / data_.cols, cellH = grid.height() / data_.rows;
    // Boundaries closer than 3 px would paint the grid black: leave them out.
    if (data_.shardColSpan > 0 && cellW * data_.shardColSpan >= 3)
        for (int c = data_.shardColSpan; c < data_.cols; c += data_.shardColSpan)
            lines.emplace_back(QPointF(grid.left() + c * cellW, grid.top()),
                               QPointF(grid.left() + c * cellW, grid.bottom()));
    if (data_.shardRowSpan > 0 && cellH * data_.shardRowSpan >= 3)
        for (int r = data_.shardRowSpan; r < data_.rows; r += data_.shardRowSpan)
            lines.emplace_back(QPointF(grid.left(), grid.top() + r * cellH),
                               QPointF(grid.right(), grid.top() + r * cellH));
    return lines;
}

std::optional<std::pair<int, int>> ChunkMapPainter::cellAt(const QRectF& bounds,
                                                           const QPointF& point) const {
    const QRectF grid = gridRect(bounds);
    if (!grid.contains(point) || data_.rows <= 0 || data_.cols <= 0) return std::nullopt;
    const int c = std::clamp(
        static_cast<int>((point.x() - grid.left()) / grid.width() * data_.cols), 0, data_.cols - 1);
    const int r = std::clamp(
        static_cast<int>((point.y() - grid.top()) / grid.height() * data_.rows), 0, data_.rows - 1);
    return std::make_pair(r, c);
}

}  // namespace cs::ui
