// The chunk-cost heatmap: the chunk grid drawn as cells coloured by how long the tasks of each
// chunk took, so slow chunks (large, badly compressed, behind the lock) stand out. Grids of rank
// > 2 are summed over their trailing axes; large grids are binned to at most ~120 cells a side.
#pragma once

#include <QColor>
#include <QRectF>
#include <QString>

#include <vector>

#include "ui/painters/run_statistics.h"

class QPainter;

namespace cs::ui {

class ChunkHeatmapPainter {
public:
    static void paint(QPainter& painter, const QRectF& area, const std::vector<ChunkCost>& chunks,
                      const QString& title = {});
    // White (cheap) through orange to dark red (the slowest chunk); `share` in 0..1.
    static QColor costColor(double share);
};

}  // namespace cs::ui
