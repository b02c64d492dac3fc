// Shards on the chunk map (issue 7): a sharded Zarr v3 store written at test time with
// create_zarr_v3_array, shown in the compression panel. The inner-chunk map carries the shard
// boundaries (geometry and hit test), hovering names the shard and the inner chunk, and the
// "shards" view has one cell per shard coloured by its stored size. Unsharded arrays keep the
// old map without the choice. Screenshots of both views land in the temp folder.
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QtTest>

#include <cstring>

#include "core/location/location.h"
#include "core/store/directory_store.h"
#include "core/zarr/v3/zarr3.h"
#include "support/memory_array.h"
#include "ui/jobs/background_jobs.h"
#include "ui/painters/shard_map_data.h"
#include "ui/panels/compression_panel.h"
#include "ui/widgets/chunk_map_widget.h"

using cs::Bytes;
using cs::ui::ChunkMapData;

namespace {

// 24 x 20 int32, shards 8 x 8 (3 x 3), inner chunks 2 x 2 (12 x 10; 4 x 4 per shard).
// Shard (2, 2) is never written, and inner chunk (0, 0) is left out of shard (0, 0).
QString writeShardedStore(const QString& dir) {
    auto store = std::make_shared<cs::DirectoryStore>(dir.toStdString() + "/sharded.zarr");
    cs::Zarr3CreateOptions o;
    o.shape = {24, 20};
    o.chunks = {8, 8};
    o.inner_chunks = cs::Shape{2, 2};
    o.dtype = cs::DType::scalar(cs::ScalarType::I32);
    auto codecs = cs::parse_json(R"([{"name": "bytes", "configuration": {"endian": "little"}},
        {"name": "zstd", "configuration": {"level": 3, "checksum": false}}])",
                                 "test");
    if (!codecs) qFatal("%s", codecs.error().message.c_str());
    o.codecs = *codecs;
    auto array = cs::create_zarr_v3_array(store, "field", o);
    if (!array) qFatal("%s", array.error().message.c_str());
    const cs::ChunkGrid& grid = (*array)->meta().grid;
    for (std::uint64_t i = 0; i < grid.num_chunks(); ++i) {
        const cs::ChunkCoords c = grid.coords_of(i);
        if ((c[0] == 0 && c[1] == 0) || (c[0] / 4 == 2 && c[1] / 4 == 2)) continue;
        Bytes chunk = (*array)->fill_chunk();
        // Busier values further right and down, so stored sizes differ between shards.
        for (std::size_t k = 0; k < 4; ++k) {
            const std::int32_t v = 1 + static_cast<std::int32_t>((c[0] * 7 + c[1] * 13) *
                                                                 (k % (1 + c[0] / 4 + c[1] / 4)));
            std::memcpy(chunk.data() + k * 4, &v, 4);
        }
        auto written = (*array)->write_chunk(c, chunk);
        if (!written) qFatal("%s", written.error().message.c_str());
    }
    return dir + "/sharded.zarr/field";
}

cs::ui::NodeDetailsPtr detailsFor(std::shared_ptr<const cs::ChunkedArray> array) {
    auto d = std::make_shared<cs::ui::NodeDetails>();
    d->summary.path = "field";
    d->array = std::move(array);
    return d;
}

// The centre of cell (r, c) in the widget, as the widget lays out its painter.
QPoint cellCentre(const cs::ui::ChunkMapWidget& w, int r, int c) {
    const ChunkMapData& map = w.map();
    const QRectF bounds = QRectF(w.rect()).adjusted(6, 6, -6, -6);
    const QRectF grid = cs::ui::ChunkMapPainter(map, {}).gridRect(bounds);
    return QPointF(grid.left() + (c + 0.5) * grid.width() / map.cols,
                   grid.top() + (r + 0.5) * grid.height() / map.rows)
        .toPoint();
}

}  // namespace

class TestShardMap : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        location_ = writeShardedStore(dir_.path());
        auto opened = cs::open_location(location_.toStdString());
        QVERIFY2(opened.has_value(), opened ? "" : opened.error().message.c_str());
        auto array = opened->container->open_array(opened->inner_path);
        QVERIFY(array.has_value());
        array_ = std::shared_ptr<const cs::ChunkedArray>(std::move(*array));
    }

    void innerChunkMapShowsShardBoundaries() {
        cs::ui::BackgroundJobs jobs;
        cs::ui::CompressionPanel panel(&jobs);
        panel.resize(1000, 640);
        panel.show();
        QSignalSpy loaded(&panel, &cs::ui::CompressionPanel::chunksLoaded);
        panel.showNode(detailsFor(array_));
        QTRY_COMPARE(loaded.count(), 1);
        QVERIFY(!panel.showChoice()->isHidden());
        QCOMPARE(panel.showChoice()->currentIndex(), 0);

        cs::ui::ChunkMapWidget* widget = panel.chunkMap();
        const ChunkMapData& map = widget->map();
        QCOMPARE(map.rows, 12);
        QCOMPARE(map.cols, 10);
        QCOMPARE(map.shardRowSpan, 4);
        QCOMPARE(map.shardColSpan, 4);
        QVERIFY(!map.cellsAreShards);
        QCOMPARE(map.shardNames[5 * 10 + 3], QStringLiteral("1.0"));
        QCOMPARE(map.shardNames[11 * 10 + 9], QStringLiteral("2.2"));
        QCOMPARE(map.missingCount(), 1 + 4 * 2);  // (0, 0) and the 4 x 2 cells of shard 2.2

        // Boundaries after columns 4 and 8 and rows 4 and 8, on cell edges.
        const QRectF bounds = QRectF(widget->rect()).adjusted(6, 6, -6, -6);
        cs::ui::ChunkMapPainter painter(map, {});
        const QRectF grid = painter.gridRect(bounds);
        const auto lines = painter.shardBoundaries(bounds);
        QCOMPARE(lines.size(), std::size_t{4});
        const double cellW = grid.width() / 10, cellH = grid.height() / 12;
        QCOMPARE(lines[0].x1(), grid.left() + 4 * cellW);
        QCOMPARE(lines[1].x1(), grid.left() + 8 * cellW);
        QCOMPARE(lines[2].y1(), grid.top() + 4 * cellH);
        QCOMPARE(lines[3].y1(), grid.top() + 8 * cellH);
        QCOMPARE(lines[2].x1(), grid.left());
        QCOMPARE(lines[2].x2(), grid.right());
        // Either side of the first vertical boundary: different shards.
        const auto left = painter.cellAt(bounds, QPointF(lines[0].x1() - 2, grid.top() + 2));
        const auto right = painter.cellAt(bounds, QPointF(lines[0].x1() + 2, grid.top() + 2));
        QVERIFY(left && right);
        QCOMPARE(left->second, 3);
        QCOMPARE(right->second, 4);
        QCOMPARE(map.shardNames[static_cast<std::size_t>(left->second)], QStringLiteral("0.0"));
        QCOMPARE(map.shardNames[static_cast<std::size_t>(right->second)], QStringLiteral("0.1"));

        // Hover names the inner chunk and its shard.
        const QString hover = widget->describeAt(cellCentre(*widget, 5, 3));
        QVERIFY2(hover.startsWith(QStringLiteral("inner chunk 5.3 in shard 1.0 (c/1/0): ")) &&
                     hover.contains(QStringLiteral("stored")),
                 qPrintable(hover));
        QVERIFY(widget->describeAt(cellCentre(*widget, 0, 0))
                    .contains(QStringLiteral("never written")));

        const QString png = QDir::temp().filePath(QStringLiteral("chunkscope_shard_map_inner.png"));
        QVERIFY(panel.grab().save(png));
        qInfo("screenshot: %s", qPrintable(png));
    }

    void shardsViewHasOneCellPerShard() {
        cs::ui::BackgroundJobs jobs;
        cs::ui::CompressionPanel panel(&jobs);
        panel.resize(1000, 640);
        panel.show();
        QSignalSpy loaded(&panel, &cs::ui::CompressionPanel::chunksLoaded);
        panel.showNode(detailsFor(array_));
        QTRY_COMPARE(loaded.count(), 1);
        panel.showChoice()->setCurrentIndex(1);

        cs::ui::ChunkMapWidget* widget = panel.chunkMap();
        const ChunkMapData& map = widget->map();
        QVERIFY(map.cellsAreShards);
        QCOMPARE(map.rows, 3);
        QCOMPARE(map.cols, 3);
        QCOMPARE(map.values.size(), std::size_t{9});
        QCOMPARE(map.missingCount(), 1);
        QVERIFY(!map.value(2, 2).has_value());

        // Colours follow each shard's stored size as zarr3_shard_storage reports it.
        auto shards = cs::zarr3_shard_storage(*array_);
        QVERIFY(shards.has_value());
        QCOMPARE(shards->size(), std::size_t{9});
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) {
                const auto& s = (*shards)[static_cast<std::size_t>(r * 3 + c)];
                if (!s.present) continue;
                QCOMPARE(*map.value(r, c), double(s.stored_bytes));
            }
        QVERIFY(*map.value(0, 0) != *map.value(2, 1));
        QCOMPARE(map.shardNotes[0], QStringLiteral("15/16 inner chunks"));
        // Every cell edge is a shard boundary: 2 vertical and 2 horizontal lines.
        const QRectF bounds = QRectF(widget->rect()).adjusted(6, 6, -6, -6);
        QCOMPARE(cs::ui::ChunkMapPainter(map, {}).shardBoundaries(bounds).size(), std::size_t{4});
        // Shards are not rows of the chunk table: clicks select nothing.
        QSignalSpy clicked(widget, &cs::ui::ChunkMapWidget::chunkClicked);
        QTest::mouseClick(widget, Qt::LeftButton, {}, cellCentre(*widget, 1, 1));
        QCOMPARE(clicked.count(), 0);

        const QString hover = widget->describeAt(cellCentre(*widget, 0, 1));
        QVERIFY2(hover.startsWith(QStringLiteral("shard 0.1: ")) &&
                     hover.contains(QStringLiteral("stored")) &&
                     hover.contains(QStringLiteral("16/16 inner chunks")),
                 qPrintable(hover));
        QVERIFY(widget->describeAt(cellCentre(*widget, 2, 2))
                    .contains(QStringLiteral("shard 2.2: never written")));

        const QString png =
            QDir::temp().filePath(QStringLiteral("chunkscope_shard_map_shards.png"));
        QVERIFY(panel.grab().save(png));
        qInfo("screenshot: %s", qPrintable(png));

        // Back to inner chunks: the 12 x 10 grid again.
        panel.showChoice()->setCurrentIndex(0);
        QCOMPARE(widget->map().rows * widget->map().cols, 120);
    }

    void unshardedArraysKeepThePlainMap() {
        cs::ui::BackgroundJobs jobs;
        cs::ui::CompressionPanel panel(&jobs);
        panel.show();
        QSignalSpy loaded(&panel, &cs::ui::CompressionPanel::chunksLoaded);
        panel.showNode(detailsFor(
            cs_test::MemoryArray::iota({40, 40}, {4, 4}, cs::DType::scalar(cs::ScalarType::I32))));
        QTRY_COMPARE(loaded.count(), 1);
        QVERIFY(panel.showChoice()->isHidden());
        const ChunkMapData& map = panel.chunkMap()->map();
        QCOMPARE(map.rows, 10);
        QVERIFY(map.shardNames.empty());
        QCOMPARE(map.shardRowSpan, 0);
        QVERIFY(cs::ui::ChunkMapPainter(map, {}).shardBoundaries(QRectF(0, 0, 400, 300)).empty());
        QVERIFY(!panel.chunkMap()
                     ->describeAt(cellCentre(*panel.chunkMap(), 1, 1))
                     .contains(QStringLiteral("shard")));
    }

    // Opened with shards_as_chunks, chunks already are shards: no overlay, no choice.
    void shardsAsChunksNeedsNoOverlay() {
        auto opened = cs::open_location(location_.toStdString(),
                                        cs::LocationOptions{.shards_as_chunks = true});
        QVERIFY(opened.has_value());
        auto array = opened->container->open_array(opened->inner_path);
        QVERIFY(array.has_value());
        cs::ui::BackgroundJobs jobs;
        cs::ui::CompressionPanel panel(&jobs);
        QSignalSpy loaded(&panel, &cs::ui::CompressionPanel::chunksLoaded);
        panel.showNode(detailsFor(std::shared_ptr<const cs::ChunkedArray>(std::move(*array))));
        QTRY_COMPARE(loaded.count(), 1);
        QVERIFY(panel.showChoice()->isHidden());
        QCOMPARE(panel.chunkMap()->map().rows * panel.chunkMap()->map().cols, 9);
        QVERIFY(panel.chunkMap()->map().shardNames.empty());
    }

private:
    QTemporaryDir dir_;
    QString location_;
    std::shared_ptr<const cs::ChunkedArray> array_;
};

QTEST_MAIN(TestShardMap)
#include "tst_shard_map.moc"
