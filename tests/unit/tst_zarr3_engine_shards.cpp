// The engine's per-inner-chunk / per-shard setting (issue 7): a sharded Zarr v3 array written by
// create_zarr_v3_array, opened through open_location with and without shards_as_chunks, gives
// the same reduction and the same copy, with one leaf task per inner chunk in one mode and one
// per shard in the other.
#include <QtTest>

#include <cstring>

#include "core/engine/executor.h"
#include "core/engine/ops/copy.h"
#include "core/engine/ops/reduce.h"
#include "core/location/location.h"
#include "core/store/directory_store.h"
#include "core/store/memory_store.h"
#include "core/zarr/v3/zarr3.h"
#include "unit/tst_zarr3_util.h"

using cs::Bytes;
using cs::Json;

namespace {

// 10 x 7 int32, shards 4 x 4 (3 x 2 of them, partial at the edges), inner chunks 2 x 2 (5 x 4).
constexpr std::size_t kShards = 6;
constexpr std::size_t kInnerChunks = 20;

Bytes sample_values() {
    Bytes b(10 * 7 * 4);
    for (std::int32_t r = 0; r < 10; ++r)
        for (std::int32_t c = 0; c < 7; ++c) {
            const std::int32_t v = r * 100 + c;
            std::memcpy(b.data() + (r * 7 + c) * 4, &v, 4);
        }
    return b;
}

std::size_t tasks_of_kind(const cs::engine::Plan& plan, cs::trace::TaskKind kind) {
    std::size_t n = 0;
    for (const auto& node : plan.graph()->nodes) n += node.kind == kind;
    return n;
}

std::shared_ptr<cs::ChunkedArray> open_at(const QString& location, bool shards_as_chunks) {
    auto opened = cs::open_location(location.toStdString(),
                                    cs::LocationOptions{.shards_as_chunks = shards_as_chunks});
    if (!opened) qFatal("%s", opened.error().message.c_str());
    auto array = opened->container->open_array(opened->inner_path);
    if (!array) qFatal("%s", array.error().message.c_str());
    return std::shared_ptr<cs::ChunkedArray>(std::move(*array));
}

}  // namespace

class TestZarr3EngineShards : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        auto store = std::make_shared<cs::DirectoryStore>(dir_.path().toStdString() + "/s.zarr");
        auto array = cs::create_zarr_v3_array(store, "g/a", cs::test::sharded_10x7_int32());
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        const Bytes values = sample_values();
        QVERIFY(cs::test::write_whole(**array, values).has_value());
        location_ = dir_.path() + "/s.zarr/g/a";
    }

    void leafTasksFollowTheSetting_data() {
        QTest::addColumn<bool>("shards_as_chunks");
        QTest::addColumn<qulonglong>("leaves");
        QTest::newRow("inner chunks") << false << qulonglong{kInnerChunks};
        QTest::newRow("shards") << true << qulonglong{kShards};
    }
    void leafTasksFollowTheSetting() {
        QFETCH(bool, shards_as_chunks);
        QFETCH(qulonglong, leaves);
        auto array = open_at(location_, shards_as_chunks);
        QCOMPARE(qulonglong{array->meta().grid.num_chunks()}, leaves);

        auto source = cs::engine::array_source(array);
        QVERIFY(source.has_value());
        auto reduce = cs::engine::plan_reduce(*source, cs::engine::ReduceSpec{});
        QVERIFY(reduce.has_value());
        QCOMPARE(qulonglong{tasks_of_kind(*reduce->plan, source->leaf_kind)}, leaves);

        auto target = cs::create_zarr_v3_array(
            std::make_shared<cs::MemoryStore>(), "",
            cs::Zarr3CreateOptions{.shape = {10, 7},
                                   .chunks = array->meta().chunk_shape(),
                                   .dtype = cs::DType::scalar(cs::ScalarType::I32)});
        QVERIFY(target.has_value());
        auto copy =
            cs::engine::plan_copy(array, std::shared_ptr<cs::ChunkedArray>(std::move(*target)));
        QVERIFY(copy.has_value());
        QCOMPARE(qulonglong{(*copy)->size()}, leaves);
        QCOMPARE(qulonglong{tasks_of_kind(**copy, cs::trace::TaskKind::Copy)}, leaves);
    }

    // Both modes give the same sum and the same copied values, equal to the data written.
    void resultsAgreeAcrossModes() {
        const Bytes values = sample_values();
        std::int64_t expected = 0;
        for (std::int32_t r = 0; r < 10; ++r)
            for (std::int32_t c = 0; c < 7; ++c) expected += r * 100 + c;

        std::vector<Bytes> sums, copies;
        for (bool shards : {false, true}) {
            auto array = open_at(location_, shards);
            auto source = cs::engine::array_source(array);
            QVERIFY(source.has_value());
            auto reduce = cs::engine::plan_reduce(*source, cs::engine::ReduceSpec{});
            QVERIFY(reduce.has_value());
            cs::trace::RunSettings settings;
            settings.threads = 2;
            settings.sample_interval_ms = 0;
            auto ran = cs::engine::run_plan(reduce->plan, settings);
            QVERIFY2(ran.status.has_value(), ran.status ? "" : ran.status.error().message.c_str());
            QCOMPARE(reduce->result->data.size(), std::size_t{8});
            std::int64_t sum = 0;
            std::memcpy(&sum, reduce->result->data.data(), 8);
            QCOMPARE(sum, expected);
            sums.push_back(reduce->result->data);

            auto made = cs::create_zarr_v3_array(
                std::make_shared<cs::MemoryStore>(), "",
                cs::Zarr3CreateOptions{.shape = {10, 7},
                                       .chunks = array->meta().chunk_shape(),
                                       .dtype = cs::DType::scalar(cs::ScalarType::I32)});
            QVERIFY(made.has_value());
            std::shared_ptr<cs::ChunkedArray> target(std::move(*made));
            auto copy = cs::engine::plan_copy(array, target);
            QVERIFY(copy.has_value());
            auto copied = cs::engine::run_plan(*copy, settings);
            QVERIFY2(copied.status.has_value(),
                     copied.status ? "" : copied.status.error().message.c_str());
            auto back = cs::test::read_whole(*target);
            QVERIFY(back.has_value());
            QCOMPARE(*back, values);
            copies.push_back(*back);
        }
        QCOMPARE(sums[0], sums[1]);
        QCOMPARE(copies[0], copies[1]);
    }

private:
    QTemporaryDir dir_;
    QString location_;
};

QTEST_GUILESS_MAIN(TestZarr3EngineShards)
#include "tst_zarr3_engine_shards.moc"
