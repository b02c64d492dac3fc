// Reductions of blosc-compressed Zarr chunks fold each chunk block by block as it decodes
// (ChunkedArray::open_pieces). The same data reduced from a plain in-memory array, whose chunks
// are decoded whole and which tst_engine_reduce checks against brute force, must give the same
// bytes: rows are folded in the same order either way. Blocks of 256 bytes cut rows of every
// length, and edge chunks leave padding between rows. A corrupt block is an error naming the
// chunk.
#include <QtTest>

#include "core/codec/blosc_blocks.h"
#include "core/engine/executor.h"
#include "core/engine/expression_parser.h"
#include "core/engine/ops/expression.h"
#include "core/engine/ops/reduce.h"
#include "core/store/memory_store.h"
#include "core/zarr/zarr.h"
#include "engine_support/engine_test_arrays.h"

using namespace cs;
using namespace cs::engine;

Q_DECLARE_METATYPE(cs::ScalarType)

namespace {

Json blosc(const char* cname, int shuffle, int blocksize) {
    Json c = Json::object();
    c["id"] = "blosc";
    c["cname"] = cname;
    c["clevel"] = 5;
    c["shuffle"] = shuffle;
    c["blocksize"] = blocksize;
    return c;
}

// A Zarr copy of `a` (same shape, chunks and dtype) in `store`, every chunk written.
std::shared_ptr<ChunkedArray> zarr_copy(const cs_test::MemoryArray& a,
                                        const std::shared_ptr<MemoryStore>& store,
                                        Json compressor) {
    ZarrCreateOptions o;
    o.shape = a.meta().shape();
    o.chunks = a.meta().grid.chunk_shape;
    o.dtype = a.meta().dtype;
    o.fill_value = Json(0);
    o.compressor = std::move(compressor);
    auto z = create_zarr_array(store, "z", o);
    if (!z) qFatal("%s", z.error().describe().c_str());
    std::shared_ptr<ChunkedArray> out = std::move(*z);
    const ChunkGrid& g = out->meta().grid;
    for (std::uint64_t c = 0; c < g.num_chunks(); ++c) {
        const ChunkCoords coords = g.coords_of(c);
        auto values = a.read_chunk(coords);
        if (!values || !out->write_chunk(coords, *values)) qFatal("cannot copy a chunk");
    }
    return out;
}

// Values with repeats (so lz4 finds matches and no frame is stored raw) and small integers
// (so bincount has hits), negative ones too.
std::shared_ptr<cs_test::MemoryArray> patterned_array(Shape shape, Shape chunks, ScalarType type) {
    const DType dtype = DType::scalar(type);
    std::uint64_t n = 1;
    for (auto e : shape) n *= e;
    Bytes data(n * dtype.itemsize);
    for (std::uint64_t i = 0; i < n; ++i) {
        const double v = static_cast<double>((i / 3) % 7) - 2 + (i % 11 == 0 ? 3 : 0);
        dispatch_scalar(type, [&](auto t) { store_from_double<decltype(t)>(data.data(), i, v); });
    }
    return std::make_shared<cs_test::MemoryArray>(std::move(shape), std::move(chunks), dtype,
                                                  std::move(data));
}

// A stored frame that blosc compressed (not stored raw), in two blocks or more.
bool compressed_in_blocks(const ChunkedArray& zarr, std::vector<std::uint64_t> coords) {
    auto stored = zarr.read_stored_chunk(coords);
    if (!stored || !*stored || (**stored)[2] & 0x02) return false;
    auto decoder = BloscBlockDecoder::open(**stored);
    return decoder && decoder->block_count() >= 2;
}

Result<Bytes> reduce(std::shared_ptr<const ChunkedArray> array, const ReduceSpec& spec,
                     std::uint32_t threads) {
    CS_ASSIGN_OR_RETURN(ChunkSource src, array_source(std::move(array)));
    CS_ASSIGN_OR_RETURN(ReducePlan rp, plan_reduce(std::move(src), spec));
    trace::RunSettings settings;
    settings.threads = threads;
    settings.sample_interval_ms = 0;
    auto outcome = run_plan(rp.plan, settings);
    CS_RETURN_IF_ERROR(outcome.status);
    return rp.result->data;
}

}  // namespace

class TestEnginePieces : public QObject {
    Q_OBJECT
private slots:
    void piecesGiveTheWholeChunkResult_data() {
        QTest::addColumn<cs::ScalarType>("type");
        QTest::addColumn<QString>("cname");
        QTest::addColumn<int>("shuffle");
        QTest::addColumn<QList<int>>("shape");
        QTest::addColumn<QList<int>>("chunks");
        // Blocks of 128 bytes, asked for: the last chunk on every axis is partial, and blocks
        // end inside rows of every length.
        const QList<int> shape{61, 23, 6}, chunks{19, 11, 4};
        QTest::newRow("uint8 zstd") << ScalarType::U8 << "zstd" << 0 << shape << chunks;
        QTest::newRow("int16 zlib") << ScalarType::I16 << "zlib" << 0 << shape << chunks;
        QTest::newRow("int32 lz4hc") << ScalarType::I32 << "lz4hc" << 0 << shape << chunks;
        QTest::newRow("float32 lz4") << ScalarType::F32 << "lz4" << 0 << shape << chunks;
        QTest::newRow("float64 zstd") << ScalarType::F64 << "zstd" << 0 << shape << chunks;
        // Byte-shuffled blocks (Zarr's default compressor shuffles) unshuffle block by block.
        QTest::newRow("int16 zlib shuffled") << ScalarType::I16 << "zlib" << 1 << shape << chunks;
        QTest::newRow("float32 lz4 shuffled") << ScalarType::F32 << "lz4" << 1 << shape << chunks;
        QTest::newRow("float64 zstd shuffled") << ScalarType::F64 << "zstd" << 1 << shape << chunks;
        QTest::newRow("int64 lz4 shuffled") << ScalarType::I64 << "lz4" << 1 << shape << chunks;
        // For one-byte items c-blosc makes lz4 blocks at least 64 KiB: chunks of 72,000 bytes
        // are a block and a part, cut inside a row for every axis set.
        QTest::newRow("int8 lz4") << ScalarType::I8 << "lz4" << 0 << QList<int>{70, 80, 70}
                                  << QList<int>{40, 45, 40};
    }
    void piecesGiveTheWholeChunkResult() {
        QFETCH(cs::ScalarType, type);
        QFETCH(QString, cname);
        QFETCH(int, shuffle);
        QFETCH(QList<int>, shape);
        QFETCH(QList<int>, chunks);
        auto plain = patterned_array(Shape(shape.begin(), shape.end()),
                                     Shape(chunks.begin(), chunks.end()), type);
        auto store = std::make_shared<MemoryStore>();
        auto zarr = zarr_copy(*plain, store, blosc(cname.toUtf8().constData(), shuffle, 128));
        QVERIFY(compressed_in_blocks(*zarr, {1, 1, 0}));
        {
            // The path under test is taken: a stored chunk opens as pieces.
            auto stored = zarr->read_stored_chunk(std::vector<std::uint64_t>{1, 1, 0});
            QVERIFY(stored && *stored);
            QVERIFY(zarr->open_pieces(std::vector<std::uint64_t>{1, 1, 0}, **stored) != nullptr);
        }
        const bool is_float = type == ScalarType::F32 || type == ScalarType::F64;
        std::vector<ReduceOp> ops = {ReduceOp::Sum, ReduceOp::Mean,  ReduceOp::Min,
                                     ReduceOp::Max, ReduceOp::Count, ReduceOp::Var};
        if (!is_float) ops.push_back(ReduceOp::Bincount);
        const std::vector<std::optional<std::vector<std::int64_t>>> axis_sets = {
            std::vector<std::int64_t>{1, 2}, std::vector<std::int64_t>{0},
            std::vector<std::int64_t>{2}, std::vector<std::int64_t>{0, 1}, std::nullopt};
        for (ReduceOp op : ops) {
            for (const auto& axes : axis_sets) {
                for (std::uint32_t per_leaf : {1u, 3u}) {
                    ReduceSpec spec;
                    spec.op = op;
                    spec.axes = axes;
                    spec.bins = 5;
                    spec.chunks_per_leaf = per_leaf;
                    auto want = reduce(plain, spec, 2);
                    QVERIFY2(want.has_value(), want ? "" : want.error().describe().c_str());
                    auto got = reduce(zarr, spec, 2);
                    QVERIFY2(got.has_value(), got ? "" : got.error().describe().c_str());
                    if (*got != *want)
                        QFAIL(qPrintable(QString("%1 over %2 axes, %3 chunks per task differs")
                                             .arg(reduce_op_name(op))
                                             .arg(axes ? QString::number(axes->size()) : "all")
                                             .arg(per_leaf)));
                }
            }
        }
    }

    // A one-input expression is evaluated over each decoded piece and folded; two inputs take
    // the whole-chunk path. Either way the result equals the plain array's.
    void expressionsEvaluatePieceByPiece() {
        auto plain = patterned_array({61, 23, 6}, {19, 11, 4}, ScalarType::F32);
        auto store = std::make_shared<MemoryStore>();
        auto zarr = zarr_copy(*plain, store, blosc("lz4", 1, 128));
        QVERIFY(compressed_in_blocks(*zarr, {1, 1, 0}));
        for (const char* text :
             {"mean(x**2 + x**3, axis=0)", "sum(where(x > 1, x, -x) * 2.5, axis=(1, 2))",
              "max(abs(x - 3), axis=1)", "count(x > 0, axis=None)", "sum(x * y, axis=2)"}) {
            auto e = parse_expression(text);
            QVERIFY2(e.has_value(), text);
            auto run = [&](std::shared_ptr<const ChunkedArray> x) -> Result<Bytes> {
                NamedInputs inputs{{"x", x}, {"y", x}};
                CS_ASSIGN_OR_RETURN(ReducePlan rp, plan_expression_reduce(*e, inputs, 4, {}, 2));
                trace::RunSettings settings;
                settings.threads = 2;
                settings.sample_interval_ms = 0;
                auto outcome = run_plan(rp.plan, settings);
                CS_RETURN_IF_ERROR(outcome.status);
                return rp.result->data;
            };
            auto want = run(plain);
            QVERIFY2(want.has_value(), want ? text : want.error().describe().c_str());
            auto got = run(zarr);
            QVERIFY2(got.has_value(), got ? text : got.error().describe().c_str());
            QVERIFY2(*got == *want, text);
        }
    }

    // Bit-shuffled blocks are left to c-blosc, which decodes the chunk whole: same result.
    void bitShuffledChunksAreDecodedWhole() {
        auto plain = patterned_array({20, 30}, {8, 30}, ScalarType::I32);
        auto store = std::make_shared<MemoryStore>();
        auto zarr = zarr_copy(*plain, store, blosc("lz4", 2, 256));
        auto stored = zarr->read_stored_chunk(std::vector<std::uint64_t>{0, 0});
        QVERIFY(stored && *stored);
        const Bytes before = **stored;
        QVERIFY(zarr->open_pieces(std::vector<std::uint64_t>{0, 0}, **stored) == nullptr);
        QVERIFY(**stored == before);  // given back untouched
        ReduceSpec spec;
        spec.op = ReduceOp::Sum;
        spec.axes = std::vector<std::int64_t>{1};
        QCOMPARE(*reduce(zarr, spec, 2), *reduce(plain, spec, 2));
    }

    void corruptBlockNamesTheChunk() {
        auto plain = patterned_array({40, 50}, {20, 50}, ScalarType::I16);
        auto store = std::make_shared<MemoryStore>();
        auto zarr = zarr_copy(*plain, store, blosc("zstd", 0, 128));
        auto frame = store->get("z/1.0");
        QVERIFY(frame && *frame);
        Bytes bad = **frame;
        auto decoder = BloscBlockDecoder::open(bad);
        QVERIFY(decoder.has_value());
        QVERIFY(compressed_in_blocks(*zarr, {1, 0}));
        // Block 2's stream claims 3 bytes: zstd cannot make 128 bytes of them.
        const std::size_t start = bad[16 + 8] | bad[16 + 9] << 8 | bad[16 + 10] << 16;
        bad[start] = 3;
        bad[start + 1] = bad[start + 2] = bad[start + 3] = 0;
        QVERIFY(store->set("z/1.0", bad));
        ReduceSpec spec;
        spec.op = ReduceOp::Bincount;
        spec.bins = 4;
        spec.axes = std::vector<std::int64_t>{1};
        auto r = reduce(zarr, spec, 2);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
        const std::string message = r.error().describe();
        QVERIFY2(message.find("z/1.0") != std::string::npos, message.c_str());
        QVERIFY2(message.find("block 2") != std::string::npos, message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestEnginePieces)
#include "tst_engine_pieces.moc"
