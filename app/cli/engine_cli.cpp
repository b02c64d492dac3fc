#include "app/cli/engine_cli.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "core/engine/ops/leaf_grouping.h"
#include "core/engine/ops/scalar_dispatch.h"
#include "core/engine/task_context.h"
#include "core/location/location.h"
#include "core/trace/chrome_trace.h"
#include "core/trace/csv.h"
#include "core/trace/sampler.h"
#include "core/trace/summary.h"

namespace cs::cli {

void add_run_options(ArgSpec& spec) {
    spec.flags.insert({"--lock", "--no-record", "--quiet", "--shards-as-chunks"});
    spec.valued.insert({"--threads", "--trace", "--summary", "--csv", "--fan-in", "--sample-ms",
                        "--chunks-per-task"});
}

namespace {
Result<std::uint32_t> positive(const Args& args, const std::string& name, std::uint32_t fallback,
                               std::uint32_t lowest) {
    const auto v = args.value(name);
    if (!v) return fallback;
    char* end = nullptr;
    const unsigned long n = std::strtoul(v->c_str(), &end, 10);
    if (v->empty() || *end || n < lowest || n > 1'000'000)
        return fail(ErrorCode::InvalidArgument, name + " wants a whole number >= " +
                                                    std::to_string(lowest) + ", got '" + *v + "'");
    return static_cast<std::uint32_t>(n);
}
}  // namespace

Result<trace::RunSettings> run_settings_from(const Args& args) {
    trace::RunSettings s;
    CS_ASSIGN_OR_RETURN(s.threads, positive(args, "--threads", engine::hardware_threads(), 1));
    CS_ASSIGN_OR_RETURN(s.fan_in, positive(args, "--fan-in", 8, 2));
    // "auto" (the default): the planner chooses, see core/engine/ops/leaf_grouping.h.
    if (args.value("--chunks-per-task").value_or("auto") == "auto") {
        s.chunks_per_task = engine::kAutoChunksPerLeaf;
    } else {
        auto n = positive(args, "--chunks-per-task", 1, 1);
        if (!n)
            return fail(ErrorCode::InvalidArgument,
                        "--chunks-per-task wants auto or a whole number >= 1, got '" +
                            *args.value("--chunks-per-task") + "'");
        s.chunks_per_task = *n;
    }
    CS_ASSIGN_OR_RETURN(s.sample_interval_ms, positive(args, "--sample-ms", 50, 0));
    s.storage_lock = args.flag("--lock");
    s.record_tasks = !args.flag("--no-record");
    return s;
}

LocationOptions location_options_from(const Args& args) {
    return LocationOptions{.shards_as_chunks = args.flag("--shards-as-chunks")};
}

Result<std::shared_ptr<ChunkedArray>> open_array_at(const std::string& location,
                                                    const LocationOptions& options) {
    CS_ASSIGN_OR_RETURN(OpenedLocation at, open_location(location, options));
    CS_ASSIGN_OR_RETURN(std::unique_ptr<ChunkedArray> array,
                        at.container->open_array(at.inner_path));
    // The deleter holds the container, so the file stays open as long as the array.
    ChunkedArray* raw = array.release();
    return std::shared_ptr<ChunkedArray>(raw, [c = at.container](ChunkedArray* a) { delete a; });
}

namespace {
std::string human_bytes(double b) {
    const char* units[] = {"B", "kB", "MB", "GB", "TB"};
    int u = 0;
    while (b >= 1000 && u < 4) {
        b /= 1000;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", b, units[u]);
    return buf;
}

void draw_bar(const trace::Snapshot& s) {
    const double f = s.progress.tasks_total
                         ? static_cast<double>(s.progress.tasks_done) / s.progress.tasks_total
                         : 0;
    const int width = 30, filled = static_cast<int>(f * width);
    std::string bar(filled, '=');
    if (filled < width) bar += '>' + std::string(width - filled - 1, ' ');
    std::fprintf(stderr, "\r[%s] %3.0f%% %llu/%llu tasks  read %s  written %s  %.1f s ",
                 bar.c_str(), 100 * f, static_cast<unsigned long long>(s.progress.tasks_done),
                 static_cast<unsigned long long>(s.progress.tasks_total),
                 human_bytes(static_cast<double>(s.progress.bytes_read)).c_str(),
                 human_bytes(static_cast<double>(s.progress.bytes_written)).c_str(),
                 static_cast<double>(s.now_ns) / 1e9);
    std::fflush(stderr);
}
}  // namespace

Result<engine::RunOutcome> run_with_progress(std::shared_ptr<engine::Plan> plan,
                                             const trace::RunSettings& settings, const Args& args) {
    const bool bar = isatty(STDERR_FILENO) && !args.flag("--quiet");
    std::function<void(const trace::Snapshot&)> progress;
    if (bar) progress = draw_bar;
    engine::RunOutcome out = engine::run_plan(std::move(plan), settings, progress);
    if (bar) {
        draw_bar(out.trace);
        std::fputc('\n', stderr);
    }
    if (auto p = args.value("--trace"))
        CS_RETURN_IF_ERROR(trace::write_chrome_trace(out.trace, *p));
    if (auto p = args.value("--summary")) {
        // VmHWM of this process: unlike a parent's rusage of its child, it does not include the
        // memory of the process that forked us (bench/run_bench.py is a Python with numpy).
        Json extra = Json::object();
        extra["process_peak_rss_bytes"] = trace::peak_rss_bytes();
        CS_RETURN_IF_ERROR(trace::write_summary(out.trace, *p, extra));
    }
    if (auto p = args.value("--csv")) CS_RETURN_IF_ERROR(trace::write_tasks_csv(out.trace, *p));
    return out;
}

Json fill_value_json(const std::optional<Bytes>& fill, const DType& dtype) {
    const auto type = dtype.scalar_type();
    if (!fill || fill->size() != dtype.itemsize || !type) return Json();
    Bytes f = *fill;
    if (dtype.needs_byteswap()) engine::byteswap_elements(f, dtype.itemsize);
    Json out;
    engine::dispatch_scalar(*type, [&](auto t) {
        using T = decltype(t);
        if constexpr (std::is_same_v<T, engine::Half> || std::is_floating_point_v<T>) {
            const double v = engine::load_as_double<T>(f.data(), 0);
            if (std::isnan(v))
                out = Json("NaN");
            else if (std::isinf(v))
                out = Json(v > 0 ? "Infinity" : "-Infinity");
            else
                out = Json(v);
        } else if (*type == ScalarType::Bool) {
            out = Json(f[0] != 0);
        } else {
            T v;
            std::memcpy(&v, f.data(), sizeof(T));
            if constexpr (std::is_signed_v<T>)
                out = Json(static_cast<long long>(v));
            else
                out = Json(static_cast<unsigned long long>(v));
        }
    });
    return out;
}

}  // namespace cs::cli
