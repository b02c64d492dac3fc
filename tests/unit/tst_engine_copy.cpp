// Chunked copies: same grid and rechunked copies equal their source, absent chunks stay absent,
// byte order converts, a failing target stops the run with a clear error leaving every chunk
// whole or absent, cancel stops a run, and the trace of a copy has nested phases. Zarr copies
// with identical stored form move stored bytes without decoding, and only then.
#include <QtTest>

#include <cstring>

#include "core/engine/executor.h"
#include "core/engine/ops/copy.h"
#include "core/engine/task_context.h"
#include "core/store/memory_store.h"
#include "core/zarr/zarr.h"
#include "engine_support/engine_test_arrays.h"

using namespace cs;
using namespace cs::engine;

namespace {

std::shared_ptr<cs_test::MemoryArray> empty_like(const ChunkedArray& a, Shape chunks, DType dtype) {
    const std::size_t n = a.meta().grid.array_elements();
    return std::make_shared<cs_test::MemoryArray>(a.meta().shape(), std::move(chunks), dtype,
                                                  Bytes(n * dtype.itemsize, 0), std::nullopt,
                                                  "target");
}

trace::RunSettings settings(std::uint32_t threads, bool lock = false) {
    trace::RunSettings s;
    s.threads = threads;
    s.storage_lock = lock;
    s.sample_interval_ms = 10;
    return s;
}

ZarrCreateOptions zarr_options(const char* dtype, Shape chunks, Json compressor) {
    ZarrCreateOptions o;
    o.shape = {37, 6};
    o.chunks = std::move(chunks);
    o.dtype = *DType::from_numpy(Json(dtype));
    o.fill_value = Json(0);
    o.compressor = std::move(compressor);
    return o;
}

Json zlib(int level) {
    Json c = Json::object();
    c["id"] = "zlib";
    c["level"] = level;
    return c;
}

// A zlib-compressed Zarr source whose chunk (1, 0) is absent; values vary per element.
std::shared_ptr<ChunkedArray> zarr_source(const std::shared_ptr<MemoryStore>& store) {
    auto a = create_zarr_array(store, "src", zarr_options("<i4", {8, 4}, zlib(5)));
    if (!a) qFatal("%s", a.error().describe().c_str());
    std::shared_ptr<ChunkedArray> src = std::move(*a);
    const ChunkGrid& g = src->meta().grid;
    for (std::uint64_t c = 0; c < g.num_chunks(); ++c) {
        const ChunkCoords coords = g.coords_of(c);
        if (coords == ChunkCoords{1, 0}) continue;
        Bytes chunk(src->meta().chunk_nbytes());
        for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = std::uint8_t(i * 7 + c * 13);
        if (!src->write_chunk(coords, chunk)) qFatal("write failed");
    }
    return src;
}

}  // namespace

class TestEngineCopy : public QObject {
    Q_OBJECT
private slots:
    void copiesEqualTheSource_data() {
        QTest::addColumn<QList<int>>("target_chunks");
        QTest::addColumn<int>("threads");
        QTest::newRow("same grid 1t") << QList<int>{5, 4, 3} << 1;
        QTest::newRow("same grid 2t") << QList<int>{5, 4, 3} << 2;
        QTest::newRow("finer") << QList<int>{2, 3, 1} << 2;
        QTest::newRow("coarser") << QList<int>{11, 9, 7} << 2;
        QTest::newRow("misaligned") << QList<int>{3, 7, 2} << 1;
        QTest::newRow("one chunk") << QList<int>{17, 9, 7} << 2;
    }
    void copiesEqualTheSource() {
        QFETCH(QList<int>, target_chunks);
        QFETCH(int, threads);
        std::shared_ptr<cs_test::MemoryArray> src =
            cs_test::random_array({17, 9, 7}, {5, 4, 3}, ScalarType::I32);
        Shape chunks(target_chunks.begin(), target_chunks.end());
        auto dst = empty_like(*src, chunks, src->meta().dtype);
        auto plan = plan_copy(src, dst);
        QVERIFY(plan.has_value());
        auto out = run_plan(*plan, settings(threads, threads == 2));
        QVERIFY2(out.status.has_value(), out.status ? "" : out.status.error().describe().c_str());
        QVERIFY(dst->data() == src->data());
        QCOMPARE(out.trace.status, trace::RunStatus::Finished);
        QCOMPARE(out.trace.progress.tasks_done, out.trace.progress.tasks_total);
        QCOMPARE(out.trace.task_count(), std::size_t(dst->meta().grid.num_chunks()));
        // Phases nest inside their task; the raw bytes written add up to the target's chunks.
        std::uint64_t raw_out = 0;
        for (const auto& r : out.trace.all_records()) {
            QVERIFY(r.start_ns <= r.end_ns);
            for (const auto& p : r.phase_spans()) {
                QVERIFY(p.start_ns >= r.start_ns && p.end_ns <= r.end_ns);
                QVERIFY(p.start_ns <= p.end_ns);
            }
            QVERIFY(r.phase_ns[int(trace::Phase::Read)] > 0 || r.span_count > 0);
            raw_out += r.bytes_raw_out;
            QVERIFY(r.lane < std::uint32_t(threads));
        }
        QCOMPARE(raw_out, dst->meta().grid.num_chunks() * dst->meta().chunk_nbytes());
    }

    void absentChunksStayAbsent() {
        std::shared_ptr<cs_test::MemoryArray> src =
            cs_test::random_array({8, 8}, {4, 4}, ScalarType::U16);
        src->set_missing({0, 1});
        auto dst = empty_like(*src, {4, 4}, src->meta().dtype);
        for (std::uint64_t c = 0; c < 4; ++c) dst->set_missing(dst->meta().grid.coords_of(c));
        auto out = run_plan(*plan_copy(src, dst), settings(2));
        QVERIFY(out.status.has_value());
        auto storage = dst->chunk_storage();
        QVERIFY(storage.has_value());
        for (const auto& s : *storage) QCOMPARE(s.present, !(s.coords == ChunkCoords{0, 1}));
    }

    void byteOrderConverts() {
        std::shared_ptr<cs_test::MemoryArray> src =
            cs_test::random_array({10}, {4}, ScalarType::F64);
        DType big = DType::scalar(ScalarType::F64, Endian::Big);
        auto dst = empty_like(*src, {3}, big);
        QVERIFY(run_plan(*plan_copy(src, dst), settings(2)).status.has_value());
        for (std::size_t i = 0; i < 10; ++i)
            for (std::size_t b = 0; b < 8; ++b)
                QCOMPARE(dst->data()[i * 8 + b], src->data()[i * 8 + 7 - b]);
    }

    void mismatchesAreClearErrors() {
        std::shared_ptr<cs_test::MemoryArray> src =
            cs_test::random_array({10}, {4}, ScalarType::F64);
        auto other_shape = std::make_shared<cs_test::MemoryArray>(
            Shape{11}, Shape{4}, DType::scalar(ScalarType::F64), Bytes(88, 0));
        auto r = plan_copy(src, other_shape);
        QVERIFY(!r.has_value());
        QVERIFY(r.error().describe().find("shapes differ") != std::string::npos);
        auto other_type = empty_like(*src, {4}, DType::scalar(ScalarType::I64));
        r = plan_copy(src, other_type);
        QVERIFY(!r.has_value());
        QVERIFY(r.error().describe().find("element types differ") != std::string::npos);
        // SlowSource does not write: it is not a valid target.
        auto target = std::make_shared<cs_test::SlowSource>(src, std::chrono::milliseconds(0));
        r = plan_copy(src, target);
        QVERIFY(!r.has_value());
        QVERIFY(r.error().describe().find("not writable") != std::string::npos);
    }

    void failingTargetStopsWithAClearError() {
        std::shared_ptr<cs_test::MemoryArray> src =
            cs_test::random_array({64, 8}, {4, 8}, ScalarType::I16);
        const Bytes before = src->data();
        auto inner = empty_like(*src, {4, 8}, src->meta().dtype);
        for (std::uint64_t c = 0; c < 16; ++c) inner->set_missing({c, 0});
        auto dst = std::make_shared<cs_test::FailingTarget>(inner, 5);
        auto out = run_plan(*plan_copy(src, dst), settings(2));
        QVERIFY(!out.status.has_value());
        QCOMPARE(out.status.error().code, ErrorCode::Io);
        QVERIFY(out.status.error().describe().find("No space left on device") != std::string::npos);
        QVERIFY(out.status.error().describe().find("failing:target") != std::string::npos);
        QCOMPARE(out.trace.status, trace::RunStatus::Failed);
        QVERIFY(src->data() == before);  // the source is never touched
        // Exactly the successful writes are present, each one whole.
        auto storage = inner->chunk_storage();
        int present = 0;
        for (const auto& s : *storage) {
            if (!s.present) continue;
            ++present;
            const std::size_t off = s.coords[0] * 4 * 8 * 2;
            QVERIFY(std::equal(before.begin() + off, before.begin() + off + 64,
                               inner->data().begin() + off));
        }
        QCOMPARE(present, 5);
        QVERIFY(out.trace.progress.tasks_done < 16);
        bool failed_seen = false;
        for (const auto& r : out.trace.all_records()) failed_seen |= r.failed;
        QVERIFY(failed_seen);
    }

    void cancelStopsTheRun() {
        std::shared_ptr<cs_test::MemoryArray> base =
            cs_test::random_array({400, 4}, {1, 4}, ScalarType::I32);
        auto src = std::make_shared<cs_test::SlowSource>(base, std::chrono::milliseconds(5));
        auto dst = empty_like(*base, {1, 4}, base->meta().dtype);
        for (std::uint64_t c = 0; c < 400; ++c) dst->set_missing({c, 0});
        auto run = Run::start(*plan_copy(src, dst), settings(2));
        while (run->snapshot().progress.tasks_done < 10)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        run->cancel();
        auto r = run->wait();
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        const auto snap = run->snapshot();
        QCOMPARE(snap.status, trace::RunStatus::Cancelled);
        QVERIFY(snap.progress.tasks_done < 400);
        // Every target chunk is whole or absent.
        const auto storage = dst->chunk_storage();
        QVERIFY(storage.has_value());
        for (const auto& s : *storage) {
            if (!s.present) continue;
            const std::size_t off = s.coords[0] * 16;
            QVERIFY(std::equal(base->data().begin() + off, base->data().begin() + off + 16,
                               dst->data().begin() + off));
        }
    }

    // Same dtype, chunks, order and codecs: the stored bytes are copied as they are, the trace
    // has read and write phases but no decode or encode, and the raw counters count the chunks.
    void identicalZarrCopiesStoredBytes() {
        auto store = std::make_shared<MemoryStore>();
        auto src = zarr_source(store);
        auto made = create_zarr_array(store, "dst", zarr_options("<i4", {8, 4}, zlib(5)));
        QVERIFY(made.has_value());
        std::shared_ptr<ChunkedArray> dst = std::move(*made);
        auto plan = plan_copy(src, dst);
        QVERIFY(plan.has_value());
        QVERIFY((*plan)->metadata["stored_bytes_copied"] == Json(true));
        auto out = run_plan(*plan, settings(2));
        QVERIFY2(out.status.has_value(), out.status ? "" : out.status.error().describe().c_str());
        const ChunkGrid& g = src->meta().grid;
        for (std::uint64_t c = 0; c < g.num_chunks(); ++c) {
            const ChunkCoords coords = g.coords_of(c);
            auto a = src->read_stored_chunk(coords);
            auto b = dst->read_stored_chunk(coords);
            QVERIFY(a.has_value() && b.has_value());
            QCOMPARE(b->has_value(), (coords != ChunkCoords{1, 0}));
            if (*a) QVERIFY(**a == **b);
            QVERIFY(*src->read_chunk(coords) == *dst->read_chunk(coords));
        }
        std::uint64_t raw_in = 0, raw_out = 0, stored_in = 0, stored_out = 0;
        for (const auto& r : out.trace.all_records()) {
            QCOMPARE(r.phase_ns[int(trace::Phase::Decode)], std::int64_t(0));
            QCOMPARE(r.phase_ns[int(trace::Phase::Encode)], std::int64_t(0));
            for (const auto& p : r.phase_spans())
                QVERIFY(p.phase == trace::Phase::Read || p.phase == trace::Phase::Write);
            raw_in += r.bytes_raw_in;
            raw_out += r.bytes_raw_out;
            stored_in += r.bytes_stored_in;
            stored_out += r.bytes_stored_out;
        }
        QCOMPARE(raw_in, (g.num_chunks() - 1) * src->meta().chunk_nbytes());
        QCOMPARE(raw_out, raw_in);
        QCOMPARE(stored_out, stored_in);
        QVERIFY(stored_in > 0);
    }

    // --recode: the same identical copy decodes and re-encodes every present chunk, and the
    // result still equals the source.
    void recodeForcesTheCodecPath() {
        auto store = std::make_shared<MemoryStore>();
        auto src = zarr_source(store);
        auto made = create_zarr_array(store, "dst", zarr_options("<i4", {8, 4}, zlib(5)));
        QVERIFY(made.has_value());
        std::shared_ptr<ChunkedArray> dst = std::move(*made);
        auto plan = plan_copy(src, dst, {.recode = true});
        QVERIFY(plan.has_value());
        QVERIFY((*plan)->metadata["stored_bytes_copied"] == Json(false));
        auto out = run_plan(*plan, settings(2));
        QVERIFY(out.status.has_value());
        int decoded = 0, encoded = 0;
        for (const auto& r : out.trace.all_records()) {
            decoded += r.phase_ns[int(trace::Phase::Decode)] > 0;
            encoded += r.phase_ns[int(trace::Phase::Encode)] > 0;
        }
        const ChunkGrid& g = src->meta().grid;
        QCOMPARE(decoded, int(g.num_chunks() - 1));  // chunk (1, 0) is absent and stays absent
        QCOMPARE(encoded, decoded);
        for (std::uint64_t c = 0; c < g.num_chunks(); ++c) {
            const ChunkCoords coords = g.coords_of(c);
            QVERIFY(*src->read_chunk(coords) == *dst->read_chunk(coords));
        }
    }

    // Any difference in stored form decodes and re-encodes, and the copy still equals the source.
    void differingZarrTargetsDecode_data() {
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<QList<int>>("chunks");
        QTest::addColumn<int>("level");
        QTest::newRow("codec config") << "<i4" << QList<int>{8, 4} << 1;
        QTest::newRow("byte order") << ">i4" << QList<int>{8, 4} << 5;
        QTest::newRow("chunk shape") << "<i4" << QList<int>{5, 6} << 5;
    }
    void differingZarrTargetsDecode() {
        QFETCH(QString, dtype);
        QFETCH(QList<int>, chunks);
        QFETCH(int, level);
        auto store = std::make_shared<MemoryStore>();
        auto src = zarr_source(store);
        const std::string dt = dtype.toStdString();
        auto made = create_zarr_array(
            store, "dst",
            zarr_options(dt.c_str(), Shape(chunks.begin(), chunks.end()), zlib(level)));
        QVERIFY(made.has_value());
        std::shared_ptr<ChunkedArray> dst = std::move(*made);
        auto plan = plan_copy(src, dst);
        QVERIFY(plan.has_value());
        QVERIFY((*plan)->metadata["stored_bytes_copied"] == Json(false));
        auto out = run_plan(*plan, settings(2));
        QVERIFY2(out.status.has_value(), out.status ? "" : out.status.error().describe().c_str());
        std::int64_t decode_ns = 0;
        for (const auto& r : out.trace.all_records())
            decode_ns += r.phase_ns[int(trace::Phase::Decode)];
        QVERIFY(decode_ns > 0);
        // Element by element (the target may be big-endian or chunked differently).
        const std::size_t n = 37 * 6;
        auto whole = [n](const ChunkedArray& a) {
            std::vector<std::int32_t> v(n, 0);
            const ChunkGrid& g = a.meta().grid;
            for (std::uint64_t c = 0; c < g.num_chunks(); ++c) {
                const ChunkCoords cc = g.coords_of(c);
                Bytes b = *a.read_chunk(cc);
                if (a.meta().dtype.needs_byteswap()) byteswap_elements(b, 4);
                const Shape o = g.origin(cc), e = g.extent(cc);
                for (std::uint64_t i = 0; i < e[0]; ++i)
                    for (std::uint64_t j = 0; j < e[1]; ++j)
                        std::memcpy(&v[(o[0] + i) * 6 + o[1] + j],
                                    b.data() + (i * g.chunk_shape[1] + j) * 4, 4);
            }
            return v;
        };
        QVERIFY(whole(*src) == whole(*dst));
    }

    void storageLockShowsAsLockWait() {
        std::shared_ptr<cs_test::MemoryArray> src =
            cs_test::random_array({64}, {4}, ScalarType::I32);
        auto dst = empty_like(*src, {4}, src->meta().dtype);
        auto out = run_plan(*plan_copy(src, dst), settings(2, true));
        QVERIFY(out.status.has_value());
        int waits = 0;
        for (const auto& r : out.trace.all_records())
            for (const auto& p : r.phase_spans()) waits += p.phase == trace::Phase::LockWait;
        QVERIFY(waits >= 32);  // one before each read and each write
        auto dst2 = empty_like(*src, {4}, src->meta().dtype);
        out = run_plan(*plan_copy(src, dst2), settings(2, false));
        for (const auto& r : out.trace.all_records())
            for (const auto& p : r.phase_spans()) QVERIFY(p.phase != trace::Phase::LockWait);
    }
};

QTEST_GUILESS_MAIN(TestEngineCopy)
#include "tst_engine_copy.moc"
