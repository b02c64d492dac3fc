// chunkscope-cli bench WHAT ...: the engine-side measurements bench/run_bench.py needs that no
// other command gives. Each prints one JSON line.
//   bench codec-limit LOCATION [--encode] [--threads N]
//                                           one thread: seconds to decode (and re-encode) every
//                                           stored chunk, reads not timed; with N > 1 also the
//                                           wall of 1 and of N threads over the chunks in memory
//   bench tiny-tasks [--n 200000] [--chunk 10] [--threads N] [--no-record] [--rounds R]
//                                           sum of an in-memory float64 Zarr array; --rounds:
//                                           R in-process pairs with recording on and off
//   bench copy-mem [--n 400000000] [--threads N] [--lock] [--no-record] [--recode]
//                                           in-memory Zarr (blosc) arange int32 -> in-memory Zarr
#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "app/cli/commands.h"
#include "app/cli/engine_cli.h"
#include "core/engine/ops/copy.h"
#include "core/engine/ops/reduce.h"
#include "core/store/memory_store.h"
#include "core/trace/sampler.h"
#include "core/trace/summary.h"
#include "core/zarr/zarr.h"

namespace cs::cli {

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// More threads than any machine this runs on has: a typo, not a request.
constexpr std::uint64_t kMaxBenchThreads = 1024;

Result<std::uint64_t> count_arg(const Args& args, const std::string& name, std::uint64_t fallback) {
    const auto v = args.value(name);
    if (!v) return fallback;
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v->c_str(), &end, 10);
    if (v->empty() || *end || n == 0)
        return fail(ErrorCode::InvalidArgument,
                    name + " wants a positive whole number, got '" + *v + "'");
    return n;
}

// Decodes (and with `encode` re-encodes) one chunk's stored bytes, adding the seconds spent to
// `*decode_s` and `*encode_s`; returns the decoded size.
Result<std::size_t> run_codec(const ChunkedArray& array, const ChunkCoords& coords, Bytes stored,
                              bool encode, double* decode_s, double* encode_s) {
    auto t0 = std::chrono::steady_clock::now();
    CS_ASSIGN_OR_RETURN(Bytes elements, array.decode_chunk(coords, std::move(stored)));
    *decode_s += seconds_since(t0);
    if (encode) {
        t0 = std::chrono::steady_clock::now();
        CS_ASSIGN_OR_RETURN(Bytes again, array.encode_chunk(coords, elements));
        *encode_s += seconds_since(t0);
    }
    return elements.size();
}

// What `threads` threads took to run the codec over every chunk in `stored` (read into memory
// beforehand), taking chunks from a shared counter as the engine's workers take tasks.
struct CodecWall {
    double wall_s = 0;
    std::uint64_t raw_bytes = 0;  // decoded, over all threads
};
Result<CodecWall> codec_wall(const ChunkedArray& array, const std::vector<ChunkCoords>& coords,
                             std::vector<Bytes> stored, std::uint64_t threads, bool encode) {
    std::atomic<std::size_t> next{0};
    std::atomic<std::uint64_t> raw{0};
    std::atomic<bool> failed{false};
    std::mutex error_mutex;
    Error error;
    const auto work = [&] {
        double decode_s = 0, encode_s = 0;
        std::uint64_t mine = 0;
        for (std::size_t k = next.fetch_add(1); k < stored.size() && !failed.load();
             k = next.fetch_add(1)) {
            auto r =
                run_codec(array, coords[k], std::move(stored[k]), encode, &decode_s, &encode_s);
            if (r) {
                mine += *r;
                continue;
            }
            std::lock_guard lock(error_mutex);
            if (!failed.exchange(true)) error = r.error();
        }
        raw += mine;
    };
    const auto t0 = std::chrono::steady_clock::now();
    {
        std::vector<std::jthread> pool;
        for (std::uint64_t t = 1; t < threads; ++t) pool.emplace_back(work);
        work();
    }  // joined
    const double wall = seconds_since(t0);
    if (failed.load()) return std::unexpected(error);
    return CodecWall{wall, raw.load()};
}

// The stored bytes of the chunks at `coords`, read into memory.
Result<std::vector<Bytes>> read_all_stored(const ChunkedArray& array, const std::string& location,
                                           const std::vector<ChunkCoords>& coords) {
    std::vector<Bytes> stored;
    for (const ChunkCoords& cc : coords) {
        CS_ASSIGN_OR_RETURN(auto bytes, array.read_stored_chunk(cc));
        if (!bytes)
            return fail(ErrorCode::Io, location + ": a chunk went missing while the benchmark ran");
        stored.push_back(std::move(*bytes));
    }
    return stored;
}

Result<void> codec_limit(const Args& args) {
    if (args.positional().size() != 2)
        return fail(ErrorCode::InvalidArgument, "bench codec-limit needs LOCATION");
    const std::string& location = args.positional()[1];
    CS_ASSIGN_OR_RETURN(auto array, open_array_at(location, location_options_from(args)));
    CS_ASSIGN_OR_RETURN(const std::uint64_t threads, count_arg(args, "--threads", 1));
    if (threads > kMaxBenchThreads)
        return fail(ErrorCode::InvalidArgument,
                    "--threads wants at most " + std::to_string(kMaxBenchThreads));
    const bool encode = args.flag("--encode");
    const ChunkGrid& g = array->meta().grid;
    // The limit (WORKLOADS.md): one thread, each chunk read (untimed) and then decoded.
    double decode_s = 0, encode_s = 0;
    std::uint64_t raw = 0;
    std::vector<ChunkCoords> coords;  // of the stored chunks
    for (std::uint64_t c = 0; c < g.num_chunks(); ++c) {
        ChunkCoords cc = g.coords_of(c);
        CS_ASSIGN_OR_RETURN(auto bytes, array->read_stored_chunk(cc));
        if (!bytes) continue;
        CS_ASSIGN_OR_RETURN(const std::size_t n,
                            run_codec(*array, cc, std::move(*bytes), encode, &decode_s, &encode_s));
        raw += n;
        coords.push_back(std::move(cc));
    }
    Json j = Json::object();
    j["what"] = "codec-limit";
    j["location"] = location;
    j["chunks"] = static_cast<std::uint64_t>(coords.size());
    j["raw_bytes"] = raw;
    j["decode_s"] = decode_s;
    j["encode_s"] = encode_s;
    if (threads > 1) {
        // The limit divides one thread's time by the thread count, as if the machine scaled
        // perfectly (bench/README: here a busy second core slows a lone decoder). These time
        // the codec alone on one thread and on `threads`, over the chunks read into memory
        // first (again for each, so that the array is held once).
        CS_ASSIGN_OR_RETURN(auto stored, read_all_stored(*array, location, coords));
        CS_ASSIGN_OR_RETURN(const CodecWall one,
                            codec_wall(*array, coords, std::move(stored), 1, encode));
        CS_ASSIGN_OR_RETURN(stored, read_all_stored(*array, location, coords));
        CS_ASSIGN_OR_RETURN(const CodecWall all,
                            codec_wall(*array, coords, std::move(stored), threads, encode));
        j["threads"] = threads;
        j["one_thread_wall_s"] = one.wall_s;
        j["threads_wall_s"] = all.wall_s;
        j["threads_raw_bytes"] = all.raw_bytes;
    }
    std::cout << write_json(j) << std::endl;
    return {};
}

Json blosc_default() {
    Json c = Json::object();
    c["id"] = "blosc";
    c["cname"] = "lz4";
    c["clevel"] = 5;
    c["shuffle"] = 1;
    c["blocksize"] = 0;
    return c;
}

Result<std::shared_ptr<ChunkedArray>> memory_array(Shape shape, Shape chunks, ScalarType type,
                                                   Json compressor) {
    ZarrCreateOptions o;
    o.shape = std::move(shape);
    o.chunks = std::move(chunks);
    o.dtype = DType::scalar(type);
    o.compressor = std::move(compressor);
    o.fill_value = Json(0);
    CS_ASSIGN_OR_RETURN(auto a, create_zarr_array(std::make_shared<MemoryStore>(), "", o));
    return std::shared_ptr<ChunkedArray>(std::move(a));
}

// Fills every chunk of a 1-d array from `value(i)`, in parallel on the engine, untimed.
template <class T, class F>
Result<void> fill_1d(std::shared_ptr<ChunkedArray> a, F value) {
    auto plan = std::make_shared<engine::Plan>();
    const ChunkGrid g = a->meta().grid;
    for (std::uint64_t c = 0; c < g.num_chunks(); ++c) {
        plan->add_task(trace::TaskKind::Other, std::vector<std::uint64_t>{c}, "fill", 0,
                       [a, c, g, value](engine::TaskContext&) -> Result<void> {
                           Bytes chunk(g.chunk_shape[0] * sizeof(T));
                           T* p = reinterpret_cast<T*>(chunk.data());
                           for (std::uint64_t i = 0; i < g.chunk_shape[0]; ++i) {
                               const std::uint64_t k = c * g.chunk_shape[0] + i;
                               p[i] = k < g.shape[0] ? value(k) : T{};
                           }
                           const std::uint64_t coords[] = {c};
                           return a->write_chunk(coords, chunk);
                       });
    }
    trace::RunSettings s;
    s.threads = engine::hardware_threads();
    s.sample_interval_ms = 0;
    s.record_tasks = false;
    return engine::run_plan(plan, s).status;
}

// Runs the plan and times the whole run_plan() call: the recorder's set-up (the task records'
// memory it maps before the clock starts) and the snapshot at the end belong to recording's cost
// too, and the run's own wall (summary "wall_s") leaves them out.
engine::RunOutcome timed_run(std::shared_ptr<engine::Plan> plan, trace::RunSettings settings,
                             double* seconds) {
    const auto t0 = std::chrono::steady_clock::now();
    auto out = engine::run_plan(std::move(plan), std::move(settings));
    *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

void print_run(const char* what, const trace::Snapshot& snap, std::uint64_t leaf_tasks,
               double run_plan_s) {
    Json j = trace::summary_json(snap);
    j["run_plan_s"] = run_plan_s;
    j["what"] = what;
    j["leaf_tasks"] = leaf_tasks;
    j["us_per_task"] = snap.now_ns / 1e3 / static_cast<double>(leaf_tasks);
    j["process_peak_rss_bytes"] = trace::peak_rss_bytes();
    std::cout << write_json(j) << std::endl;
}

Result<void> tiny_tasks(const Args& args) {
    CS_ASSIGN_OR_RETURN(trace::RunSettings settings, run_settings_from(args));
    CS_ASSIGN_OR_RETURN(std::uint64_t n, count_arg(args, "--n", 200000));
    CS_ASSIGN_OR_RETURN(std::uint64_t chunk, count_arg(args, "--chunk", 10));
    CS_ASSIGN_OR_RETURN(auto a, memory_array({n}, {chunk}, ScalarType::F64, Json()));
    CS_RETURN_IF_ERROR(
        fill_1d<double>(a, [](std::uint64_t i) { return static_cast<double>(i % 1000); }));
    engine::ReduceSpec spec;
    spec.fan_in = settings.fan_in;
    settings.operation = "tiny_tasks sum";
    settings.chunks_per_task = 1;  // spec's: a task per chunk, the per-task cost is measured
    const auto plan = [&]() -> Result<std::shared_ptr<engine::Plan>> {
        CS_ASSIGN_OR_RETURN(auto src, engine::array_source(a));
        CS_ASSIGN_OR_RETURN(auto rp, engine::plan_reduce(std::move(src), spec));
        return rp.plan;
    };
    const std::uint64_t leaves = (n + chunk - 1) / chunk;
    if (!args.value("--rounds")) {
        CS_ASSIGN_OR_RETURN(auto p, plan());
        double seconds = 0;
        auto out = timed_run(p, settings, &seconds);
        CS_RETURN_IF_ERROR(out.status);
        print_run("tiny-tasks", out.trace, leaves, seconds);
        return {};
    }
    // --rounds R: R pairs of runs with recording on and off in turn, in this one process (each
    // plan built before its timing): recording's cost without the spread between processes. From
    // the second round on, record blocks come partly from the block cache (memory written
    // before), so this is nearer the bookkeeping's CPU cost than a fresh process's.
    CS_ASSIGN_OR_RETURN(std::uint64_t rounds, count_arg(args, "--rounds", 1));
    std::vector<double> on, off;
    std::uint64_t tasks = 0;
    for (std::uint64_t r = 0; r < rounds; ++r) {
        for (const bool record : {true, false}) {
            trace::RunSettings s = settings;
            s.record_tasks = record;
            CS_ASSIGN_OR_RETURN(auto p, plan());
            tasks = p->size();
            double seconds = 0;
            CS_RETURN_IF_ERROR(timed_run(p, s, &seconds).status);
            (record ? on : off).push_back(seconds);
        }
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    Json j = Json::object();
    j["what"] = "tiny-tasks rounds";
    j["rounds"] = rounds;
    j["leaf_tasks"] = leaves;
    j["tasks"] = tasks;  // leaves and combines
    j["run_plan_s_on"] = median(on);
    j["run_plan_s_off"] = median(off);
    j["recording_cost"] = median(on) / median(off) - 1;
    std::cout << write_json(j) << std::endl;
    return {};
}

Result<void> copy_mem(const Args& args) {
    CS_ASSIGN_OR_RETURN(trace::RunSettings settings, run_settings_from(args));
    CS_ASSIGN_OR_RETURN(std::uint64_t n, count_arg(args, "--n", 400'000'000));
    const std::uint64_t chunk = 1u << 20;
    CS_ASSIGN_OR_RETURN(auto src, memory_array({n}, {chunk}, ScalarType::I32, blosc_default()));
    CS_RETURN_IF_ERROR(
        fill_1d<std::int32_t>(src, [](std::uint64_t i) { return static_cast<std::int32_t>(i); }));
    CS_ASSIGN_OR_RETURN(auto dst, memory_array({n}, {chunk}, ScalarType::I32, blosc_default()));
    CS_ASSIGN_OR_RETURN(auto plan, engine::plan_copy(src, dst, {.recode = args.flag("--recode")}));
    settings.chunks_per_task = 1;  // a copy runs a task per chunk
    settings.operation = "copy_mem";
    double seconds = 0;
    auto out = timed_run(plan, settings, &seconds);
    CS_RETURN_IF_ERROR(out.status);
    print_run("copy-mem", out.trace, (n + chunk - 1) / chunk, seconds);
    return {};
}

}  // namespace

int run_bench(const CommandArgs& argv) {
    ArgSpec spec;
    spec.flags = {"--encode", "--recode"};
    spec.valued = {"--n", "--chunk", "--rounds"};
    add_run_options(spec);
    auto args = Args::parse(argv, spec);
    if (!args) return report_error(args.error());
    const std::string what = args->positional().empty() ? "" : args->positional()[0];
    Result<void> r;
    if (what == "codec-limit")
        r = codec_limit(*args);
    else if (what == "tiny-tasks")
        r = tiny_tasks(*args);
    else if (what == "copy-mem")
        r = copy_mem(*args);
    else
        r = fail(ErrorCode::InvalidArgument, "bench: expected codec-limit, tiny-tasks or copy-mem");
    if (!r) return report_error(r.error());
    return 0;
}

}  // namespace cs::cli
