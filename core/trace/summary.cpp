#include "core/trace/summary.h"

#include <algorithm>

#include "core/trace/chrome_trace.h"

namespace cs::trace {

RunSummary summarize(const Snapshot& run) {
    RunSummary s;
    s.wall_s = static_cast<double>(run.now_ns) / 1e9;
    s.tasks = run.progress.tasks_done;
    s.bytes_read = run.progress.bytes_read;
    s.bytes_written = run.progress.bytes_written;
    std::int64_t phase_ns[kPhaseCount] = {};
    std::int64_t task_ns = 0;
    for (const auto& lane : run.lanes) {
        for (const TaskRecord& r : lane) {
            for (std::size_t p = 0; p < kPhaseCount; ++p) phase_ns[p] += r.phase_ns[p];
            task_ns += r.duration_ns();
            s.raw_bytes_in += r.bytes_raw_in;
            s.raw_bytes_out += r.bytes_raw_out;
        }
    }
    for (std::size_t p = 0; p < kPhaseCount; ++p)
        s.phase_s[p] = static_cast<double>(phase_ns[p]) / 1e9;
    s.task_s = static_cast<double>(task_ns) / 1e9;
    s.lock_wait_share =
        task_ns ? static_cast<double>(phase_ns[0]) / static_cast<double>(task_ns) : 0;
    // CPU: each sample's percentage covers the interval since the previous one.
    double cpu_core_s = 0;
    std::int64_t prev = 0;
    for (const ResourceSample& r : run.samples) {
        cpu_core_s +=
            (r.cpu_user_pct + r.cpu_system_pct) / 100.0 * static_cast<double>(r.t_ns - prev) / 1e9;
        prev = r.t_ns;
        s.peak_rss_bytes = std::max(s.peak_rss_bytes, r.rss_bytes);
    }
    const double sampled_s = static_cast<double>(prev) / 1e9;
    s.cpu_pct = sampled_s > 0 ? 100.0 * cpu_core_s / sampled_s : 0;
    s.gb_per_s = s.wall_s > 0 ? static_cast<double>(s.raw_bytes_in) / s.wall_s / 1e9 : 0;
    return s;
}

Json summary_json(const Snapshot& run) {
    const RunSummary s = summarize(run);
    Json j = Json::object();
    j["operation"] = run.settings.operation;
    j["status"] = run_status_name(run.status);
    j["error"] = run.error;
    j["threads"] = run.settings.threads;
    j["storage_lock"] = run.settings.storage_lock;
    j["tasks"] = s.tasks;
    j["wall_s"] = s.wall_s;
    j["cpu_pct"] = s.cpu_pct;
    j["peak_rss_bytes"] = s.peak_rss_bytes;
    j["bytes_read"] = s.bytes_read;
    j["bytes_written"] = s.bytes_written;
    j["raw_bytes_in"] = s.raw_bytes_in;
    j["raw_bytes_out"] = s.raw_bytes_out;
    j["GBps"] = s.gb_per_s;
    Json phases = Json::object();
    for (std::size_t p = 0; p < kPhaseCount; ++p)
        phases[phase_name(static_cast<Phase>(p))] = s.phase_s[p];
    j["phase_s"] = phases;
    j["task_s"] = s.task_s;
    j["lock_wait_share"] = s.lock_wait_share;
    return j;
}

Result<void> write_summary(const Snapshot& run, const std::string& path, const Json& extra) {
    Json j = summary_json(run);
    for (const auto& [key, value] : extra.as_object()) j[key] = value;
    return write_text_file_atomic(path, write_json(j, {.indent = 2}) + "\n");
}

}  // namespace cs::trace
