// Reductions over every numeric dtype and several axis sets, with 1 and 2 threads and two
// fan-ins, against a plain loop over the whole array; bad requests give clear errors.
#include <QtTest>

#include <array>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include <sys/mman.h>
#include <unistd.h>

#include "core/engine/executor.h"
#include "core/engine/ops/reduce.h"
#include "core/engine/ops/reduce_kernels.h"
#include "engine_support/engine_test_arrays.h"

using namespace cs;
using namespace cs::engine;

Q_DECLARE_METATYPE(cs::ScalarType)

namespace {

// The expected result, element by element as double, by brute force over the whole array.
std::vector<double> reference(const cs_test::MemoryArray& a, ScalarType type, ReduceOp op,
                              const std::vector<bool>& reduced, std::uint32_t bins,
                              Shape* out_shape) {
    const Shape& shape = a.meta().shape();
    Shape out;
    for (std::size_t k = 0; k < shape.size(); ++k)
        if (!reduced[k]) out.push_back(shape[k]);
    std::size_t nout = 1;
    for (auto s : out) nout *= s;
    const std::size_t width = op == ReduceOp::Bincount ? bins : 1;
    std::vector<std::vector<long double>> groups(nout);
    std::size_t n = 1;
    for (auto s : shape) n *= s;
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t rem = i, o = 0, stride = 1;
        std::vector<std::size_t> idx(shape.size());
        for (std::size_t k = shape.size(); k-- > 0;) {
            idx[k] = rem % shape[k];
            rem /= shape[k];
        }
        for (std::size_t k = shape.size(); k-- > 0;) {
            if (!reduced[k]) {
                o += idx[k] * stride;
                stride *= shape[k];
            }
        }
        groups[o].push_back(cs_test::element(a.data(), type, i));
    }
    std::vector<double> r;
    for (const auto& g : groups) {
        long double sum = 0, mn = INFINITY, mx = -INFINITY;
        for (auto v : g) {
            sum += v;
            mn = std::min(mn, v);
            mx = std::max(mx, v);
        }
        const long double mean = sum / g.size();
        long double m2 = 0;
        for (auto v : g) m2 += (v - mean) * (v - mean);
        switch (op) {
            case ReduceOp::Sum:
                r.push_back(double(sum));
                break;
            case ReduceOp::Mean:
                r.push_back(double(mean));
                break;
            case ReduceOp::Min:
                r.push_back(double(mn));
                break;
            case ReduceOp::Max:
                r.push_back(double(mx));
                break;
            case ReduceOp::Var:
                r.push_back(double(m2 / g.size()));
                break;
            case ReduceOp::Std:
                r.push_back(double(std::sqrt(m2 / g.size())));
                break;
            case ReduceOp::Count: {
                double c = 0;
                for (auto v : g) c += v != 0;
                r.push_back(c);
                break;
            }
            case ReduceOp::Bincount: {
                std::vector<double> h(width, 0);
                for (auto v : g)
                    if (v >= 0 && v < width) h[std::size_t(v)] += 1;
                r.insert(r.end(), h.begin(), h.end());
                break;
            }
        }
    }
    if (op == ReduceOp::Bincount) out.push_back(bins);
    *out_shape = out;
    return r;
}

double tolerance(ScalarType out) {
    switch (out) {
        case ScalarType::F16:
            return 4e-3;
        case ScalarType::F32:
            return 2e-6;
        case ScalarType::F64:
            return 1e-11;
        default:
            return 0;
    }
}

// A page of values 0-4 (k % 5) followed by an inaccessible page: a kernel that reads past
// end() faults.
class PageBeforeAGuard {
public:
    PageBeforeAGuard() {
        void* map =
            mmap(nullptr, 2 * page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (map == MAP_FAILED) return;
        bytes_ = static_cast<std::int8_t*>(map);
        for (long k = 0; k < page_; ++k) bytes_[k] = static_cast<std::int8_t>(k % 5);
        if (mprotect(bytes_ + page_, static_cast<std::size_t>(page_), PROT_NONE) != 0) {
            munmap(bytes_, static_cast<std::size_t>(2 * page_));
            bytes_ = nullptr;
        }
    }
    ~PageBeforeAGuard() {
        if (bytes_) munmap(bytes_, static_cast<std::size_t>(2 * page_));
    }
    PageBeforeAGuard(const PageBeforeAGuard&) = delete;
    PageBeforeAGuard& operator=(const PageBeforeAGuard&) = delete;
    bool ok() const { return bytes_ != nullptr; }
    const std::int8_t* end() const { return bytes_ + page_; }

private:
    long page_ = sysconf(_SC_PAGESIZE);
    std::int8_t* bytes_ = nullptr;
};

}  // namespace

class TestEngineReduce : public QObject {
    Q_OBJECT
private slots:
    void matchesBruteForce_data() {
        QTest::addColumn<cs::ScalarType>("type");
        const std::pair<const char*, ScalarType> types[] = {
            {"bool", ScalarType::Bool},   {"int8", ScalarType::I8},
            {"int16", ScalarType::I16},   {"int32", ScalarType::I32},
            {"int64", ScalarType::I64},   {"uint8", ScalarType::U8},
            {"uint16", ScalarType::U16},  {"uint32", ScalarType::U32},
            {"uint64", ScalarType::U64},  {"float16", ScalarType::F16},
            {"float32", ScalarType::F32}, {"float64", ScalarType::F64}};
        for (auto [name, t] : types) QTest::newRow(name) << t;
    }
    void matchesBruteForce() {
        QFETCH(cs::ScalarType, type);
        std::shared_ptr<cs_test::MemoryArray> a =
            cs_test::random_array({13, 7, 5}, {4, 3, 2}, type, 11);
        const bool is_float =
            type == ScalarType::F16 || type == ScalarType::F32 || type == ScalarType::F64;
        const std::vector<std::optional<std::vector<std::int64_t>>> axis_sets = {
            std::nullopt,
            std::vector<std::int64_t>{0},
            std::vector<std::int64_t>{1, 2},
            std::vector<std::int64_t>{-1},
            std::vector<std::int64_t>{0, 2},
            std::vector<std::int64_t>{}};
        std::vector<ReduceOp> ops = {ReduceOp::Sum, ReduceOp::Mean, ReduceOp::Min,  ReduceOp::Max,
                                     ReduceOp::Var, ReduceOp::Std,  ReduceOp::Count};
        if (!is_float) ops.push_back(ReduceOp::Bincount);
        int checked = 0;
        for (ReduceOp op : ops) {
            for (const auto& axes : axis_sets) {
                for (auto [threads, per_leaf] :
                     {std::pair{1u, 1u}, std::pair{2u, 1u}, std::pair{1u, 3u}, std::pair{2u, 2u}}) {
                    ReduceSpec spec;
                    spec.op = op;
                    spec.axes = axes;
                    spec.bins = 6;
                    spec.fan_in = threads == 1 ? 2 : 8;
                    spec.chunks_per_leaf = per_leaf;  // leaves of several chunks add them up
                    auto src = array_source(a);
                    QVERIFY(src.has_value());
                    auto rp = plan_reduce(*src, spec);
                    QVERIFY2(rp.has_value(), rp ? "" : rp.error().describe().c_str());
                    trace::RunSettings settings;
                    settings.threads = threads;
                    settings.sample_interval_ms = 0;
                    auto outcome = run_plan(rp->plan, settings);
                    QVERIFY2(outcome.status.has_value(),
                             outcome.status ? "" : outcome.status.error().describe().c_str());
                    std::vector<bool> reduced(3, !axes.has_value());
                    if (axes)
                        for (auto x : *axes) reduced[(x + 3) % 3] = true;
                    Shape expected_shape;
                    const auto expected = reference(*a, type, op, reduced, 6, &expected_shape);
                    const ReduceResult& r = *rp->result;
                    const ScalarType out_type = reduce_result_type(op, type);
                    QCOMPARE(r.dtype, DType::scalar(out_type));
                    QCOMPARE(r.shape, expected_shape);
                    QCOMPARE(r.data.size(), expected.size() * scalar_size(out_type));
                    const double tol = tolerance(out_type);
                    for (std::size_t i = 0; i < expected.size(); ++i) {
                        const double got = cs_test::element(r.data, out_type, i);
                        double want = expected[i];
                        if (out_type == ScalarType::F16)
                            want = Half::to_float(Half::from_float(float(want)));
                        if (out_type == ScalarType::F32) want = double(float(want));
                        const double err = std::abs(got - want);
                        const bool ok =
                            tol == 0
                                ? got == want
                                : err <= tol * std::max(1.0, std::abs(want)) *
                                             (op == ReduceOp::Var || op == ReduceOp::Std ? 50 : 1);
                        if (!ok)
                            QFAIL(qPrintable(
                                QString("%1 axes=%2 threads=%3 chunks per leaf=%7 element %4: "
                                        "got %5 want %6")
                                    .arg(reduce_op_name(op))
                                    .arg(axes ? QString::number(axes->size()) : "all")
                                    .arg(threads)
                                    .arg(i)
                                    .arg(got, 0, 'g', 17)
                                    .arg(want, 0, 'g', 17)
                                    .arg(per_leaf)));
                    }
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 0);
    }

    void resultTypesFollowNumpy() {
        QCOMPARE(reduce_result_type(ReduceOp::Sum, ScalarType::I8), ScalarType::I64);
        QCOMPARE(reduce_result_type(ReduceOp::Sum, ScalarType::Bool), ScalarType::I64);
        QCOMPARE(reduce_result_type(ReduceOp::Sum, ScalarType::U16), ScalarType::U64);
        QCOMPARE(reduce_result_type(ReduceOp::Sum, ScalarType::F32), ScalarType::F32);
        QCOMPARE(reduce_result_type(ReduceOp::Mean, ScalarType::I32), ScalarType::F64);
        QCOMPARE(reduce_result_type(ReduceOp::Std, ScalarType::F32), ScalarType::F32);
        QCOMPARE(reduce_result_type(ReduceOp::Min, ScalarType::U8), ScalarType::U8);
        QCOMPARE(reduce_result_type(ReduceOp::Bincount, ScalarType::I8), ScalarType::I64);
    }

    void nanPropagatesThroughMinMax() {
        std::shared_ptr<cs_test::MemoryArray> a = cs_test::random_array({10}, {3}, ScalarType::F64);
        const double nan = std::nan("");
        auto data = a->data();
        std::memcpy(data.data() + 4 * 8, &nan, 8);
        auto b = std::make_shared<cs_test::MemoryArray>(Shape{10}, Shape{3},
                                                        DType::scalar(ScalarType::F64), data);
        for (ReduceOp op : {ReduceOp::Min, ReduceOp::Max, ReduceOp::Sum}) {
            ReduceSpec spec;
            spec.op = op;
            auto rp = plan_reduce(*array_source(b), spec);
            QVERIFY(rp.has_value());
            QVERIFY(run_plan(rp->plan, trace::RunSettings{}).status.has_value());
            QVERIFY(std::isnan(cs_test::element(rp->result->data, ScalarType::F64, 0)));
        }
    }

    // A reduction over a zero-length axis has no chunks and so no blocks: its result is what
    // numpy gives, zeros for sums and counts, NaN for mean, var and std.
    void zeroSizeReductionsMatchNumpy() {
        std::shared_ptr<cs_test::MemoryArray> a =
            cs_test::random_array({0, 5}, {4, 5}, ScalarType::I32);
        for (ReduceOp op : {ReduceOp::Sum, ReduceOp::Count, ReduceOp::Bincount, ReduceOp::Mean,
                            ReduceOp::Var, ReduceOp::Std}) {
            ReduceSpec spec;
            spec.op = op;
            spec.axes = std::vector<std::int64_t>{0};
            spec.bins = 3;
            auto rp = plan_reduce(*array_source(a), spec);
            QVERIFY(rp.has_value());
            QVERIFY(run_plan(rp->plan, trace::RunSettings{}).status.has_value());
            const ScalarType out_type = reduce_result_type(op, ScalarType::I32);
            const std::size_t n = op == ReduceOp::Bincount ? 15 : 5;
            QCOMPARE(rp->result->data.size(), n * scalar_size(out_type));
            const bool nan = op == ReduceOp::Mean || op == ReduceOp::Var || op == ReduceOp::Std;
            for (std::size_t i = 0; i < n; ++i) {
                const double v = cs_test::element(rp->result->data, out_type, i);
                if (nan)
                    QVERIFY2(std::isnan(v), reduce_op_name(op));
                else
                    QCOMPARE(v, 0.0);
            }
        }
    }

    void countSkipsTheFillValue() {
        std::shared_ptr<cs_test::MemoryArray> base =
            cs_test::random_array({20}, {6}, ScalarType::I32);
        const std::int32_t fill = 3;
        Bytes f(4);
        std::memcpy(f.data(), &fill, 4);
        auto a = std::make_shared<cs_test::MemoryArray>(
            Shape{20}, Shape{6}, DType::scalar(ScalarType::I32), base->data(), f);
        a->set_missing({1});  // reads as 3s: not counted
        std::int64_t expected = 0;
        for (std::size_t i = 0; i < 20; ++i)
            expected +=
                (i >= 6 && i < 12) ? 0 : cs_test::element(a->data(), ScalarType::I32, i) != 3;
        ReduceSpec spec;
        spec.op = ReduceOp::Count;
        auto rp = plan_reduce(*array_source(a), spec);
        QVERIFY(rp.has_value());
        QVERIFY(run_plan(rp->plan, trace::RunSettings{}).status.has_value());
        QCOMPARE(cs_test::element(rp->result->data, ScalarType::I64, 0), double(expected));
    }

    void badRequestsAreClearErrors() {
        std::shared_ptr<cs_test::MemoryArray> f =
            cs_test::random_array({4, 4}, {2, 2}, ScalarType::F32);
        std::shared_ptr<cs_test::MemoryArray> i =
            cs_test::random_array({4, 4}, {2, 2}, ScalarType::I8);
        auto check = [](std::shared_ptr<cs_test::MemoryArray> a, ReduceSpec spec,
                        const char* text) {
            auto rp = plan_reduce(*array_source(a), spec);
            QVERIFY(!rp.has_value());
            const std::string m = rp.error().describe();
            QVERIFY2(
                m.find(text) != std::string::npos && m.find("memory-array") != std::string::npos,
                m.c_str());
        };
        ReduceSpec s;
        s.axes = std::vector<std::int64_t>{2};
        check(i, s, "out of range");
        s.axes = std::vector<std::int64_t>{1, -1};
        check(i, s, "repeated");
        s = ReduceSpec{};
        s.op = ReduceOp::Bincount;
        s.bins = 4;
        check(f, s, "integer");
        s.bins = 0;
        check(i, s, "bins");
        s = ReduceSpec{};
        s.fan_in = 1;
        check(i, s, "fan-in");
        auto c = std::make_shared<cs_test::MemoryArray>(
            Shape{2}, Shape{2}, DType::scalar(ScalarType::C64), Bytes(16, 0));
        check(c, ReduceSpec{}, "complex");
    }

    // With chunks_per_leaf, a leaf reduces that many chunks of one output block and never
    // crosses blocks: (6, 10) in (2, 3) chunks summed over axis 1 has 3 blocks of 4 chunks, so
    // 2 leaves per block, each reading its chunks one after the other.
    void leavesTakeSeveralChunksOfOneBlock() {
        std::shared_ptr<cs_test::MemoryArray> a =
            cs_test::random_array({6, 10}, {2, 3}, ScalarType::I32);
        ReduceSpec spec;
        spec.axes = std::vector<std::int64_t>{1};
        spec.chunks_per_leaf = 2;
        auto rp = plan_reduce(*array_source(a), spec);
        QVERIFY(rp.has_value());
        const auto g = rp->plan->graph();
        std::map<std::uint64_t, int> leaves_per_block;
        std::set<std::vector<std::uint64_t>> covered;  // every chunk in exactly one leaf's node
        for (const auto& n : g->nodes) {
            if (n.kind != trace::TaskKind::Reduce) continue;
            leaves_per_block[n.coords[0]]++;
            QVERIFY2(n.label.find("+1 chunks") != std::string::npos, n.label.c_str());
            QCOMPARE(n.chunk_count(), std::size_t(2));
            for (std::size_t k = 0; k < n.chunk_count(); ++k) {
                QCOMPARE(n.chunk(k)[0], n.coords[0]);  // the same output block
                QVERIFY(covered.emplace(n.chunk(k).begin(), n.chunk(k).end()).second);
            }
        }
        QCOMPARE(covered.size(), std::size_t(12));
        for (const auto& [block, n] : leaves_per_block) QCOMPARE(n, 2);
        trace::RunSettings settings;
        settings.threads = 2;
        const auto outcome = run_plan(rp->plan, settings);
        QVERIFY(outcome.status.has_value());
        for (std::size_t row = 0; row < 6; ++row) {
            double sum = 0;
            for (std::size_t col = 0; col < 10; ++col)
                sum += cs_test::element(a->data(), ScalarType::I32, row * 10 + col);
            QCOMPARE(cs_test::element(rp->result->data, ScalarType::I64, row), sum);
        }
        // Each leaf read both of its chunks: two read spans in its record.
        for (const auto& lane : outcome.trace.lanes) {
            for (const auto& r : lane) {
                if (r.kind != trace::TaskKind::Reduce) continue;
                int reads = 0;
                for (const auto& span : r.phase_spans()) reads += span.phase == trace::Phase::Read;
                QCOMPARE(reads, 2);
            }
        }
    }

    // The automatic choice of chunks per leaf (leaf_grouping.h), on the shapes it was made for.
    void automaticGroupingFollowsItsBounds() {
        // allele_lz4: four 2.6 MB chunks per block of counts, 77 blocks: a whole block per leaf.
        QCOMPARE(choose_chunks_per_leaf({4, 77, 2'621'200, 2}), 4u);
        // allele_h5: 77 chunks of 131 KB per block: the whole block, 10 MB.
        QCOMPARE(choose_chunks_per_leaf({77, 77, 131'060, 2}), 77u);
        // The 16 MiB bound: 41 chunks of 400 KB fit, so two leaves, 39 and 38 chunks.
        QCOMPARE(choose_chunks_per_leaf({77, 10, 400'000, 1}), 39u);
        // expr_mean: 60 MB chunks are a leaf each.
        QCOMPARE(choose_chunks_per_leaf({2, 1, 60'000'000, 2}), 1u);
        // tiny_tasks summed whole: 20,000 chunks of 80 bytes in one block, shared out as
        // 8 leaves for each of 2 threads.
        QCOMPARE(choose_chunks_per_leaf({20'000, 1, 80, 2}), 1250u);
        // Too few chunks to give every thread 8 leaves: one chunk per leaf.
        QCOMPARE(choose_chunks_per_leaf({4, 4, 1000, 2}), 1u);
        // Degenerate input still gives at least one chunk per leaf.
        QCOMPARE(choose_chunks_per_leaf({0, 0, 0, 0}), 1u);
    }

    // chunks_per_leaf = kAutoChunksPerLeaf: the plan reports the number it chose, its leaves
    // take that many chunks, and the sums are those of one chunk per leaf.
    void automaticGroupingPlansWhatItReports() {
        // (64, 40) in (2, 4) chunks, summed over axis 1: 32 blocks of 10 chunks. One thread
        // wants 8 leaves, which 32 blocks give: a whole block per leaf.
        std::shared_ptr<cs_test::MemoryArray> a =
            cs_test::random_array({64, 40}, {2, 4}, ScalarType::I16);
        ReduceSpec spec;
        spec.axes = std::vector<std::int64_t>{1};
        spec.chunks_per_leaf = kAutoChunksPerLeaf;
        spec.threads = 1;
        auto rp = plan_reduce(*array_source(a), spec);
        QVERIFY(rp.has_value());
        QCOMPARE(rp->chunks_per_leaf, 10u);
        std::size_t leaves = 0, combines = 0;
        for (const auto& n : rp->plan->graph()->nodes) {
            if (n.kind == trace::TaskKind::Reduce) {
                ++leaves;
                QCOMPARE(n.chunk_count(), std::size_t(10));
            }
            combines += n.kind == trace::TaskKind::Combine;
        }
        QCOMPARE(leaves, std::size_t(32));
        QCOMPARE(combines, std::size_t(0));
        spec.chunks_per_leaf = 1;
        auto one = plan_reduce(*array_source(a), spec);
        QVERIFY(one.has_value());
        QCOMPARE(one->chunks_per_leaf, 1u);
        trace::RunSettings settings;
        settings.threads = 2;
        QVERIFY(run_plan(rp->plan, settings).status.has_value());
        QVERIFY(run_plan(one->plan, settings).status.has_value());
        QVERIFY(rp->result->data == one->result->data);
        // Eight threads want 64 leaves of the 32 blocks: two per block, five chunks each.
        spec.chunks_per_leaf = kAutoChunksPerLeaf;
        spec.threads = 8;
        auto eight = plan_reduce(*array_source(a), spec);
        QVERIFY(eight.has_value());
        QCOMPARE(eight->chunks_per_leaf, 5u);
    }

    void combineTreeHasTheFanIn() {
        std::shared_ptr<cs_test::MemoryArray> a =
            cs_test::random_array({100}, {1}, ScalarType::I32);
        ReduceSpec spec;
        spec.fan_in = 4;
        auto rp = plan_reduce(*array_source(a), spec);
        QVERIFY(rp.has_value());
        const auto g = rp->plan->graph();
        // 100 leaves; 25, then 6 (+1 passed up), 2 and 1 combines; 1 finalize.
        QCOMPARE(g->size(), std::size_t(100 + 25 + 6 + 2 + 1 + 1));
        std::map<std::uint64_t, int> fan;
        for (const auto& e : g->edges) fan[e.to]++;
        for (const auto& [node, n] : fan) {
            if (g->nodes[node].kind == trace::TaskKind::Combine) QVERIFY(n <= 4 && n >= 2);
        }
        QCOMPARE(g->nodes.back().kind, trace::TaskKind::Finalize);
        QVERIFY(run_plan(rp->plan, trace::RunSettings{}).status.has_value());
        double sum = 0;
        for (std::size_t k = 0; k < 100; ++k)
            sum += cs_test::element(a->data(), ScalarType::I32, k);
        QCOMPARE(cs_test::element(rp->result->data, ScalarType::I64, 0), sum);
    }

    // The per-chunk entry point: rows at a stride, counts added to what `out` holds or written
    // over it (garbage in `out` must not survive an overwrite).
    void rowKernelAddsOrOverwrites() {
        std::mt19937 rng(11);
        std::uniform_int_distribution<int> value(-2, 9);
        for (std::uint32_t bins : {1u, 4u, 8u}) {
            // 256 to 960: four bins go eight rows at a time (37 rows: four batches and five
            // rows after them), with and without a masked tail.
            for (std::uint64_t len : {1, 20, 64, 256, 400, 448, 959, 960, 961}) {
                const std::uint64_t rows = 37, stride = len + 5;
                std::vector<std::int8_t> data(rows * stride);
                for (auto& v : data) v = static_cast<std::int8_t>(value(rng));
                std::vector<std::int64_t> want(rows * bins, 0);
                for (std::uint64_t r = 0; r < rows; ++r)
                    for (std::uint64_t j = 0; j < len; ++j) {
                        const int v = data[r * stride + j];
                        if (v >= 0 && v < static_cast<int>(bins)) ++want[r * bins + v];
                    }
                std::vector<std::int64_t> got(rows * bins, -77);
                count_small_bins_rows(data.data(), rows, len, stride, got.data(), bins, true);
                QCOMPARE(got, want);
                count_small_bins_rows(data.data(), rows, len, stride, got.data(), bins, false);
                for (auto& w : want) w *= 2;
                QCOMPARE(got, want);
            }
        }
    }

    // The AVX-512 kernel reads a row's tail with a masked load: a row that ends at the last byte
    // before an inaccessible page must count right and not fault.
    void avx512KernelStopsAtTheRowsEnd() {
        if (!cpu_has_avx512bw()) QSKIP("this CPU has no AVX-512BW");
        const PageBeforeAGuard guarded;
        QVERIFY(guarded.ok());
        for (std::uint64_t len : {1, 20, 63, 65, 400}) {
            std::vector<std::int64_t> want(4, 0), got(4, 0);
            const std::int8_t* row = guarded.end() - len;
            for (std::uint64_t j = 0; j < len; ++j)
                if (row[j] < 4) ++want[static_cast<std::size_t>(row[j])];
            count_small_bins_avx512(row, len, got.data(), 4);
            QCOMPARE(got, want);
        }
    }

    // Four bins over rows of up to 32 bytes go 16 rows at a time, two rows to a vector, their
    // counts packed in 16-bit fields (c_even + 64 c_odd): every row length of that kernel and
    // the first past it, contiguous and at a stride, 55 rows (three blocks and seven after
    // them), random values and rows where one bin takes every byte (the largest field).
    void shortRowKernelCountsEachRowOfABlock() {
        std::mt19937 rng(5);
        // Besides 0-3: values a table lookup alone would count (4-19 index the 16-entry table
        // modulo 16) or drop, so the clamp to 4 is tested too.
        const std::array<int, 15> values = {-128, -3, -1, 0, 1, 2, 3, 4, 5, 16, 17, 19, 64, 127, 0};
        std::uniform_int_distribution<std::size_t> pick(0, values.size() - 1);
        const std::uint64_t rows = 55;
        for (std::uint64_t len = 1; len <= 33; ++len) {
            for (std::uint64_t stride : {len, len + 3}) {
                std::vector<std::int8_t> data(rows * stride);
                for (std::uint64_t r = 0; r < rows; ++r) {
                    // Rows 16-31: one value across the row (0, 1, 2, 3, then 4 and -1: none).
                    const bool uniform = r >= 16 && r < 32;
                    for (std::uint64_t j = 0; j < stride; ++j)
                        data[r * stride + j] = static_cast<std::int8_t>(
                            uniform ? (r % 6 == 5 ? -1 : static_cast<int>(r % 6))
                                    : values[pick(rng)]);
                }
                std::vector<std::int64_t> want(rows * 4, 0);
                for (std::uint64_t r = 0; r < rows; ++r)
                    for (std::uint64_t j = 0; j < len; ++j) {
                        const int v = data[r * stride + j];
                        if (v >= 0 && v < 4) ++want[r * 4 + v];
                    }
                std::vector<std::int64_t> got(rows * 4, -5);
                count_small_bins_rows(data.data(), rows, len, stride, got.data(), 4, true);
                QVERIFY2(
                    got == want,
                    qPrintable(
                        QStringLiteral("length %1, stride %2, overwrite").arg(len).arg(stride)));
                count_small_bins_rows(data.data(), rows, len, stride, got.data(), 4, false);
                for (auto& w : want) w *= 2;
                QVERIFY2(
                    got == want,
                    qPrintable(QStringLiteral("length %1, stride %2, add").arg(len).arg(stride)));
            }
        }
    }

    // The short-row kernel reads each row with a masked load: rows that end at the last byte
    // before an inaccessible page count right and do not fault (a block of 16 and one row after
    // it; rows of 20 and 32, contiguous and at a stride).
    void shortRowKernelStopsAtTheLastRowsEnd() {
        if (!cpu_has_avx512bw()) QSKIP("this CPU has no AVX-512BW");
        const PageBeforeAGuard guarded;
        QVERIFY(guarded.ok());
        const std::uint64_t rows = 17;
        for (const auto& [len, stride] :
             {std::pair<std::uint64_t, std::uint64_t>{20, 20}, {32, 32}, {20, 29}}) {
            // The last row ends at the page's end; the others are `stride` apart before it.
            const std::int8_t* first = guarded.end() - ((rows - 1) * stride + len);
            std::vector<std::int64_t> want(rows * 4, 0), got(rows * 4, 0);
            for (std::uint64_t r = 0; r < rows; ++r)
                for (std::uint64_t j = 0; j < len; ++j) {
                    const int v = first[r * stride + j];
                    if (v < 4) ++want[r * 4 + static_cast<std::uint64_t>(v)];
                }
            count_small_bins_rows(first, rows, len, stride, got.data(), 4, true);
            QVERIFY2(got == want,
                     qPrintable(QStringLiteral("length %1, stride %2").arg(len).arg(stride)));
        }
    }

    // The long-row kernel counts in nibbles, emptied every 15 vectors: rows where one bin gets
    // every byte, longer than 15 and 16 vectors, must not wrap a nibble into its neighbour.
    void longRowCountersDoNotWrap() {
        for (std::uint32_t bins = 1; bins <= 8; ++bins) {
            for (std::uint64_t len : {256, 960, 1024, 1030, 5000}) {
                for (std::uint32_t v = 0; v < bins; ++v) {
                    // Nine rows: a batch of eight (four bins, up to 960 bytes) and one more.
                    const std::vector<std::int8_t> row(9 * len, static_cast<std::int8_t>(v));
                    std::vector<std::int64_t> want(9 * bins, 0);
                    for (std::uint64_t r = 0; r < 9; ++r)
                        want[r * bins + v] = static_cast<std::int64_t>(len);
                    std::vector<std::int64_t> got(9 * bins, -1);
                    count_small_bins_rows(row.data(), 9, len, len, got.data(), bins, true);
                    QVERIFY2(got == want, qPrintable(QStringLiteral("bins %1, length %2, value %3")
                                                         .arg(bins)
                                                         .arg(len)
                                                         .arg(v)));
                }
            }
        }
    }

    // The byte bincount kernels (packed counters for short rows, vector counters for long ones)
    // against ++count[v], for row lengths around their switch points (64, 255, 16 x 255) and
    // values outside 0..bins-1 (negative, just above, up to 127), which must count nowhere.
    void smallBinKernelsMatchACountingLoop() {
        std::mt19937 rng(7);
        std::uniform_int_distribution<int> value(-3, 11);
        std::vector<std::int8_t> data(16 * 255 * 2 + 40 + 8);  // the longest row (8200) at offset 3
        for (auto& v : data) v = static_cast<std::int8_t>(value(rng));
        data[5] = 127;
        data[6] = -128;
        for (std::uint32_t bins = 1; bins <= 8; ++bins) {
            for (std::uint64_t len :
                 {0, 1, 2, 19, 20, 63, 64, 65, 254, 255, 256, 511, 4080, 4081, 8200}) {
                for (std::uint64_t offset : {0, 3}) {
                    std::vector<std::int64_t> want(bins, 5);
                    for (std::uint64_t j = 0; j < len; ++j) {
                        const int v = data[offset + j];
                        if (v >= 0 && v < static_cast<int>(bins)) ++want[v];
                    }
                    // The dispatching entry point and each vector width (AVX2 where the CPU
                    // has it).
                    using Kernel =
                        void (*)(const std::int8_t*, std::uint64_t, std::int64_t*, std::uint32_t);
                    std::vector<Kernel> kernels = {count_small_bins, count_small_bins_sse2};
                    if (cpu_has_avx2()) kernels.push_back(count_small_bins_avx2);
                    if (cpu_has_avx512bw()) kernels.push_back(count_small_bins_avx512);
                    for (Kernel kernel : kernels) {
                        std::vector<std::int64_t> got(bins, 5);
                        kernel(data.data() + offset, len, got.data(), bins);
                        QVERIFY2(
                            got == want,
                            qPrintable(QStringLiteral("bins %1, length %2").arg(bins).arg(len)));
                    }
                }
            }
        }
        // A row of 255 equal values fills one packed counter byte to the top without a carry.
        std::vector<std::int8_t> same(600, 3);
        std::vector<std::int64_t> counts(4, 0);
        count_bins_scalar<4>(same.data(), 255, counts.data());
        QCOMPARE(counts[3], std::int64_t(255));
        QCOMPARE(counts[2], std::int64_t(0));
        count_bins_scalar<4>(same.data(), 600, counts.data());  // 255 + 255 + 90
        QCOMPARE(counts[3], std::int64_t(855));
    }
};

QTEST_GUILESS_MAIN(TestEngineReduce)
#include "tst_engine_reduce.moc"
