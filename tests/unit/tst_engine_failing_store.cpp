// A copy into a Zarr array whose store fails after N writes (a full disk) stops with a clear Io
// error naming the key, and leaves a valid target: its metadata reads, every chunk is whole (equal
// to the source) or absent (reads as the fill value). The source is never written.
#include <QtTest>

#include "core/engine/executor.h"
#include "core/engine/ops/copy.h"
#include "core/zarr/zarr.h"
#include "engine_support/engine_test_arrays.h"
#include "engine_support/failing_store.h"

using namespace cs;
using namespace cs::engine;

class TestEngineFailingStore : public QObject {
    Q_OBJECT
private slots:
    void failedCopyLeavesAValidTarget_data() {
        QTest::addColumn<int>("ok_writes");
        QTest::addColumn<int>("threads");
        QTest::addColumn<bool>("rechunk");
        QTest::newRow("first write, 1 thread") << 0 << 1 << false;
        QTest::newRow("after 7, 2 threads") << 7 << 2 << false;
        QTest::newRow("rechunk after 3") << 3 << 2 << true;
    }
    void failedCopyLeavesAValidTarget() {
        QFETCH(int, ok_writes);
        QFETCH(int, threads);
        QFETCH(bool, rechunk);
        std::shared_ptr<cs_test::MemoryArray> src =
            cs_test::random_array({40, 9}, {4, 9}, ScalarType::F32);
        const Bytes before = src->data();
        auto store = std::make_shared<cs_test::FailingStore>();
        ZarrCreateOptions o;
        o.shape = {40, 9};
        o.chunks = rechunk ? Shape{6, 5} : Shape{4, 9};
        o.dtype = DType::scalar(ScalarType::F32);
        Json blosc = Json::object();
        blosc["id"] = "blosc";
        blosc["cname"] = "lz4";
        blosc["clevel"] = 5;
        blosc["shuffle"] = 1;
        blosc["blocksize"] = 0;
        o.compressor = blosc;
        o.fill_value = Json(-1.0);
        auto target = create_zarr_array(store, "t", o);
        QVERIFY2(target.has_value(), target ? "" : target.error().describe().c_str());
        store->arm(ok_writes);
        auto plan = plan_copy(src, std::shared_ptr<ChunkedArray>(std::move(*target)));
        QVERIFY(plan.has_value());
        trace::RunSettings s;
        s.threads = static_cast<std::uint32_t>(threads);
        auto out = run_plan(*plan, s);
        QVERIFY(!out.status.has_value());
        QCOMPARE(out.status.error().code, ErrorCode::Io);
        const std::string msg = out.status.error().describe();
        QVERIFY2(msg.find("No space left on device") != std::string::npos &&
                     msg.find("<failing>/t/") != std::string::npos,
                 msg.c_str());
        QCOMPARE(out.trace.status, trace::RunStatus::Failed);
        QVERIFY(src->data() == before);

        // Reopen: metadata is valid, each chunk whole or absent.
        auto back = open_zarr_array(store, "t");
        QVERIFY2(back.has_value(), back ? "" : back.error().describe().c_str());
        const ChunkGrid& g = (*back)->meta().grid;
        int present = 0;
        for (std::uint64_t c = 0; c < g.num_chunks(); ++c) {
            const ChunkCoords coords = g.coords_of(c);
            auto stored = (*back)->read_stored_chunk(coords);
            QVERIFY(stored.has_value());
            if (!*stored) continue;
            ++present;
            auto chunk = (*back)->read_chunk(coords);
            QVERIFY(chunk.has_value());
            const Shape origin = g.origin(coords), extent = g.extent(coords);
            for (std::uint64_t i = 0; i < extent[0]; ++i)
                for (std::uint64_t j = 0; j < extent[1]; ++j)
                    QCOMPARE(cs_test::element(*chunk, ScalarType::F32, i * g.chunk_shape[1] + j),
                             cs_test::element(before, ScalarType::F32,
                                              (origin[0] + i) * 9 + origin[1] + j));
        }
        QCOMPARE(present, ok_writes);
    }
};

QTEST_GUILESS_MAIN(TestEngineFailingStore)
#include "tst_engine_failing_store.moc"
