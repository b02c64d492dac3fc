// The chunk map: which chunks land in which cell for any pair of axes, missing chunks, the
// painter's hit test, and that it draws into a plain QImage (as screenshots and reports do).
#include <QImage>
#include <QPainter>
#include <QtTest>

#include "support/memory_array.h"
#include "ui/painters/chunk_map_painter.h"
#include "ui/painters/colormap.h"
#include "ui/painters/histogram_painter.h"

using cs::ui::ChunkMetric;

class TestChunkMap : public QObject {
    Q_OBJECT
private slots:
    void cellsFollowTheChosenAxes() {
        // grid (3, 2, 1) of chunks
        auto array = cs_test::MemoryArray::iota({6, 5, 4}, {2, 3, 4},
                                                cs::DType::scalar(cs::ScalarType::I32));
        array->set_missing({2, 1, 0});
        auto storage = array->chunk_storage();
        QVERIFY(storage.has_value());
        auto map = cs::ui::buildChunkMap(array->meta(), *storage, ChunkMetric::StoredBytes, 0, 1,
                                         {0, 0, 0});
        QCOMPARE(map.rows, 3);
        QCOMPARE(map.cols, 2);
        QCOMPARE(map.missingCount(), 1);
        QVERIFY(!map.value(2, 1).has_value());
        QCOMPARE(*map.value(0, 0), double(2 * 3 * 4 * 4));  // MemoryArray stores full chunks
        QCOMPARE(map.storageIndex[static_cast<std::size_t>(2 * 2 + 1)],
                 int(array->meta().grid.linear_of(cs::ChunkCoords{2, 1, 0})));

        // Swapped axes: the rows are now chunk axis 1.
        auto swapped =
            cs::ui::buildChunkMap(array->meta(), *storage, ChunkMetric::Ratio, 1, 0, {0, 0, 0});
        QCOMPARE(swapped.rows, 2);
        QCOMPARE(swapped.cols, 3);
        QVERIFY(!swapped.value(1, 2).has_value());
        QCOMPARE(*swapped.value(0, 0), 1.0);

        // 1-D and 0-d arrays.
        auto line = cs_test::MemoryArray::iota({50}, {20}, cs::DType::scalar(cs::ScalarType::U8));
        auto lineMap = cs::ui::buildChunkMap(line->meta(), *line->chunk_storage(),
                                             ChunkMetric::StoredBytes, -1, 0, {0});
        QCOMPARE(lineMap.rows, 1);
        QCOMPARE(lineMap.cols, 3);
        auto scalar = cs_test::MemoryArray::iota({}, {}, cs::DType::scalar(cs::ScalarType::U8));
        auto scalarMap = cs::ui::buildChunkMap(scalar->meta(), *scalar->chunk_storage(),
                                               ChunkMetric::StoredBytes, -1, -1, {});
        QCOMPARE(scalarMap.rows * scalarMap.cols, 1);
    }

    void paintsAndHitTests() {
        auto array =
            cs_test::MemoryArray::iota({40, 40}, {4, 4}, cs::DType::scalar(cs::ScalarType::I32));
        array->set_missing({0, 0});
        auto map = cs::ui::buildChunkMap(array->meta(), *array->chunk_storage(),
                                         ChunkMetric::StoredBytes, 0, 1, {0, 0});
        cs::ui::ChunkMapPainter painter(map, {cs::ui::Colormap::Viridis, false, "rows", "cols"});
        QImage image(500, 400, QImage::Format_ARGB32);
        image.fill(Qt::white);
        const QRectF bounds(0, 0, 500, 400);
        {
            QPainter p(&image);
            painter.paint(p, bounds);
        }
        const QRectF grid = painter.gridRect(bounds);
        QVERIFY(grid.width() > 100 && grid.height() > 100);
        const auto cell = painter.cellAt(
            bounds, grid.topLeft() + QPointF(grid.width() * 0.95, grid.height() * 0.05));
        QVERIFY(cell.has_value());
        QCOMPARE(cell->first, 0);
        QCOMPARE(cell->second, 9);
        QVERIFY(!painter.cellAt(bounds, QPointF(1, 1)).has_value());
        // The missing chunk (0, 0) is grey, a present one is a viridis colour.
        const QColor missing = image.pixelColor(grid.topLeft().toPoint() + QPoint(3, 8));
        QCOMPARE(missing.red(), missing.blue());
        const QColor present = image.pixelColor((grid.center()).toPoint() + QPoint(3, 3));
        QVERIFY(present != missing);
    }

    // A 1-D array of 12,000 chunks (and its transpose) is drawn as a band at least three text
    // lines thick, not a hairline one cell high; an ordinary grid keeps its size.
    void longThinGridsAreNotHairlines() {
        const double line = QFontMetricsF(QFont()).height();
        const QRectF bounds(0, 0, 1200, 500);
        for (auto [shape, chunk] : {std::pair<std::uint64_t, std::uint64_t>{12000, 1},
                                    std::pair<std::uint64_t, std::uint64_t>{120, 1}}) {
            auto strip =
                cs_test::MemoryArray::iota({shape}, {chunk}, cs::DType::scalar(cs::ScalarType::U8));
            auto map = cs::ui::buildChunkMap(strip->meta(), *strip->chunk_storage(),
                                             ChunkMetric::StoredBytes, -1, 0, {0});
            QCOMPARE(map.rows, 1);
            cs::ui::ChunkMapPainter painter(map, {cs::ui::Colormap::Viridis, false, "", "chunks"});
            const QRectF grid = painter.gridRect(bounds);
            QVERIFY2(grid.height() >= 3 * line - 0.01, qPrintable(QString::number(grid.height())));
            QVERIFY(grid.width() <= bounds.width());
            // The last chunk is still hit at the right edge.
            const auto cell =
                painter.cellAt(bounds, QPointF(grid.right() - 0.01, grid.center().y()));
            QVERIFY(cell.has_value());
            QCOMPARE(cell->second, map.cols - 1);
            // The same chunks down one column of a 2-D grid.
            auto tower = cs_test::MemoryArray::iota({shape, 1}, {chunk, 1},
                                                    cs::DType::scalar(cs::ScalarType::U8));
            auto column = cs::ui::buildChunkMap(tower->meta(), *tower->chunk_storage(),
                                                ChunkMetric::StoredBytes, 0, 1, {0, 0});
            QCOMPARE(column.cols, 1);
            cs::ui::ChunkMapPainter tall(column, {cs::ui::Colormap::Viridis, false, "chunks", ""});
            QVERIFY(tall.gridRect(bounds).width() >= std::min(3 * line, 500.0) - 0.01);
        }
        auto square =
            cs_test::MemoryArray::iota({40, 40}, {4, 4}, cs::DType::scalar(cs::ScalarType::I32));
        auto map = cs::ui::buildChunkMap(square->meta(), *square->chunk_storage(),
                                         ChunkMetric::StoredBytes, 0, 1, {0, 0});
        cs::ui::ChunkMapPainter painter(map, {cs::ui::Colormap::Viridis, false, "rows", "cols"});
        const QRectF grid = painter.gridRect(bounds);
        // Fills the area's height as before (the title lines above and below aside).
        QCOMPARE(grid.height(), bounds.height() - (line + 6) - (line * 1.6 + 6));
    }

    void colormapsAndScales() {
        QCOMPARE(cs::ui::colormapColor(cs::ui::Colormap::Viridis, 0.0), qRgb(0x44, 0x01, 0x54));
        QCOMPARE(cs::ui::colormapColor(cs::ui::Colormap::Magma, 1.0), qRgb(0xfc, 0xfd, 0xbf));
        QCOMPARE(cs::ui::colormapColor(cs::ui::Colormap::Gray, 1.0), qRgb(255, 255, 255));
        cs::ui::ColorScale linear{0, 10, false};
        QCOMPARE(linear.normalized(5), 0.5);
        QCOMPARE(linear.valueAt(0.5), 5.0);
        cs::ui::ColorScale log{1, 1000, true};
        QVERIFY(std::abs(log.normalized(10) - 1.0 / 3) < 1e-12);
        QVERIFY(std::isnan(linear.normalized(std::nan(""))));
        const auto h = cs::ui::Histogram::of({1, 2, 2, 3, 10}, 3);
        QCOMPARE(h.counts.size(), std::size_t(3));
        QCOMPARE(h.counts[0], 4);
        QCOMPARE(h.counts[2], 1);
        QCOMPARE(cs::ui::Histogram::of({5, 5}, 10).counts.size(), std::size_t(1));
    }
};

QTEST_MAIN(TestChunkMap)
#include "tst_chunk_map.moc"
