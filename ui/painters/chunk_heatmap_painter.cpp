#include "ui/painters/chunk_heatmap_painter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

#include "ui/painters/run_style.h"

namespace cs::ui {

QColor ChunkHeatmapPainter::costColor(double share) {
    share = std::clamp(share, 0.0, 1.0);
    // Piecewise: pale yellow -> orange -> dark red.
    const QColor a(0xff, 0xf7, 0xd6), b(0xfd, 0x8d, 0x3c), c(0x99, 0x00, 0x0d);
    const auto mix = [](QColor x, QColor y, double t) {
        return QColor::fromRgbF(static_cast<float>(x.redF() + (y.redF() - x.redF()) * t),
                                static_cast<float>(x.greenF() + (y.greenF() - x.greenF()) * t),
                                static_cast<float>(x.blueF() + (y.blueF() - x.blueF()) * t));
    };
    return share < 0.5 ? mix(a, b, share * 2) : mix(b, c, (share - 0.5) * 2);
}

void ChunkHeatmapPainter::paint(QPainter& p, const QRectF& area,
                                const std::vector<ChunkCost>& chunks, const QString& title) {
    p.save();
    p.fillRect(area, Qt::white);
    const QFontMetricsF fm(p.font());
    const QFont normal = p.font();
    QFont bold = normal;
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(Qt::black);
    p.drawText(QPointF(area.left() + 4, area.top() + fm.ascent() + 2),
               title.isEmpty() ? QStringLiteral("Chunk cost (task time per chunk)") : title);
    p.setFont(normal);
    if (chunks.empty()) {
        p.drawText(area, Qt::AlignCenter, QStringLiteral("no chunk tasks in this range"));
        p.restore();
        return;
    }
    std::uint64_t rows = 1, cols = 1;
    std::size_t rank = 0;
    for (const auto& c : chunks) rank = std::max(rank, c.coords.size());
    for (const auto& c : chunks) {
        if (rank >= 2) {
            rows = std::max<std::uint64_t>(rows, c.coords[0] + 1);
            cols = std::max<std::uint64_t>(cols, c.coords[1] + 1);
        } else if (rank == 1) {
            cols = std::max<std::uint64_t>(cols, c.coords[0] + 1);
        }
    }
    const std::uint64_t kMaxCells = 120;
    const std::uint64_t rowBin = (rows + kMaxCells - 1) / kMaxCells;
    const std::uint64_t colBin = (cols + kMaxCells - 1) / kMaxCells;
    const std::uint64_t gr = (rows + rowBin - 1) / rowBin, gc = (cols + colBin - 1) / colBin;
    std::vector<double> cost(gr * gc, -1);
    for (const auto& c : chunks) {
        const std::uint64_t r = rank >= 2 ? c.coords[0] / rowBin : 0;
        const std::uint64_t k =
            rank >= 2 ? c.coords[1] / colBin : (rank == 1 ? c.coords[0] / colBin : 0);
        double& cell = cost[r * gc + k];
        cell = std::max(cell, 0.0) + static_cast<double>(c.ns);
    }
    const double maxCost = std::max(1.0, *std::max_element(cost.begin(), cost.end()));
    double minCost = maxCost;
    for (double v : cost)
        if (v >= 0) minCost = std::min(minCost, v);

    const double top = area.top() + fm.height() + 24;
    const double legendH = 34;
    const QRectF grid(area.left() + 54, top, area.width() - 64,
                      area.height() - (top - area.top()) - legendH);
    // Cells fill the area (a 2 x 77 grid is not a 4 px strip in a tall panel), but a very
    // elongated cell is capped at 3x its other side or 48 px, whichever is larger.
    double cellW = std::max(0.5, grid.width() / static_cast<double>(gc));
    double cellH = std::max(0.5, grid.height() / static_cast<double>(gr));
    cellH = std::min(cellH, std::max(3 * cellW, 48.0));
    cellW = std::min(cellW, std::max(3 * cellH, 48.0));
    const QRectF used(grid.left(), grid.top(), cellW * static_cast<double>(gc),
                      cellH * static_cast<double>(gr));
    for (std::uint64_t r = 0; r < gr; ++r) {
        for (std::uint64_t k = 0; k < gc; ++k) {
            const double v = cost[r * gc + k];
            const QRectF rc(used.left() + static_cast<double>(k) * cellW,
                            used.top() + static_cast<double>(r) * cellH, cellW, cellH);
            p.fillRect(rc, v < 0 ? QColor(0xee, 0xee, 0xee) : costColor(v / maxCost));
        }
    }
    p.setPen(QPen(QColor(255, 255, 255, 200), 0));
    if (cellH >= 6) {
        for (std::uint64_t r = 0; r <= gr; ++r)
            p.drawLine(QPointF(used.left(), used.top() + static_cast<double>(r) * cellH),
                       QPointF(used.right(), used.top() + static_cast<double>(r) * cellH));
    }
    if (cellW >= 6) {
        for (std::uint64_t k = 0; k <= gc; ++k)
            p.drawLine(QPointF(used.left() + static_cast<double>(k) * cellW, used.top()),
                       QPointF(used.left() + static_cast<double>(k) * cellW, used.bottom()));
    }
    p.setPen(QColor(0x33, 0x33, 0x33));
    const QString binNote = rowBin > 1 || colBin > 1
                                ? QStringLiteral(" (cells of %1×%2 chunks)").arg(rowBin).arg(colBin)
                                : QString();
    p.drawText(QPointF(used.left(), used.top() - 6),
               (rank >= 2 ? QStringLiteral("chunk axis 1 →  (%1 chunks)").arg(cols)
                          : QStringLiteral("chunk index →  (%1 chunks)").arg(cols)) +
                   binNote);
    if (rank >= 2) {
        p.save();
        // Rotated a quarter turn clockwise the glyphs stand right of the baseline: keep them
        // off the grid.
        p.translate(used.left() - 4 - fm.ascent(), used.top());
        p.rotate(90);
        p.drawText(QPointF(0, 0), QStringLiteral("chunk axis 0 → (%1)").arg(rows));
        p.restore();
    }
    // Colour scale.
    const QRectF scale(area.left() + 54, area.bottom() - 18, std::min(220.0, area.width() - 200),
                       10);
    for (int i = 0; i < 50; ++i) {
        p.fillRect(QRectF(scale.left() + scale.width() * i / 50, scale.top(),
                          scale.width() / 50 + 0.5, scale.height()),
                   costColor(i / 49.0));
    }
    p.drawText(QPointF(area.left() + 4, scale.bottom()),
               formatDuration(static_cast<std::int64_t>(minCost)));
    // Above the scale, clear of the rotated axis label however short the grid is.
    if (rank > 2) {
        p.drawText(QPointF(area.left() + 4, scale.top() - 8),
                   rank == 3 ? QStringLiteral("each cell sums chunk axis 2")
                             : QStringLiteral("each cell sums chunk axes 2..%1").arg(rank - 1));
    }
    p.drawText(QPointF(scale.right() + 6, scale.bottom()),
               formatDuration(static_cast<std::int64_t>(maxCost)) + QStringLiteral("  (slowest)"));
    p.restore();
}

}  // namespace cs::ui
