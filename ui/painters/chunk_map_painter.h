// Draws a ChunkMapData as a heatmap on any QPainter (widget, PNG, SVG): one cell per chunk,
// coloured by stored size or ratio, never-written chunks in a hatched grey, axis titles and a
// colour bar. Grids larger than the area fold several chunks into one pixel (the largest wins).
#pragma once

#include <QLineF>
#include <QRectF>
#include <QString>

#include <optional>
#include <vector>

#include "ui/painters/chunk_map_data.h"
#include "ui/painters/colormap.h"

class QPainter;

namespace cs::ui {

class ChunkMapPainter {
public:
    struct Options {
        Colormap colormap = Colormap::Viridis;
        bool logScale = false;
        QString rowTitle;  // "axis 0 (chunks)" or the dimension name
        QString colTitle;
    };

    ChunkMapPainter(const ChunkMapData& data, Options options);

    void paint(QPainter& painter, const QRectF& bounds) const;
    // Cell under `point` after paint() laid out `bounds`; nullopt outside the grid.
    std::optional<std::pair<int, int>> cellAt(const QRectF& bounds, const QPointF& point) const;
    // Where the grid itself goes inside `bounds` (leaves room for titles and colour bar).
    QRectF gridRect(const QRectF& bounds) const;
    // The shard boundaries inside the grid (sharded Zarr v3 arrays), drawn thicker than the
    // cell lines; empty when the map has no shards.
    std::vector<QLineF> shardBoundaries(const QRectF& bounds) const;

private:
    const ChunkMapData& data_;
    Options options_;
};

}  // namespace cs::ui
