// The one-page numbers of a run, as JSON for scripts and the benchmark:
//   operation, status, error, threads, storage_lock, tasks, wall_s, cpu_pct (process user+system
//   over the run, 100 = one core, from the sampler), peak_rss_bytes (from the samples),
//   bytes_read, bytes_written (stored), raw_bytes_in, raw_bytes_out (decoded), GBps (raw bytes
//   in per wall second), phase_s {lock_wait, read, decode, compute, encode, write} (summed over
//   tasks), task_s (summed task time) and lock_wait_share (lock_wait / task_s).
#pragma once

#include <string>

#include "core/json/json.h"
#include "core/trace/snapshot.h"
#include "core/util/result.h"

namespace cs::trace {

struct RunSummary {
    double wall_s = 0;
    double cpu_pct = 0;
    std::uint64_t peak_rss_bytes = 0;
    std::uint64_t tasks = 0;
    std::uint64_t bytes_read = 0, bytes_written = 0;
    std::uint64_t raw_bytes_in = 0, raw_bytes_out = 0;
    double gb_per_s = 0;
    double phase_s[kPhaseCount] = {};
    double task_s = 0;
    double lock_wait_share = 0;
};

RunSummary summarize(const Snapshot& run);
Json summary_json(const Snapshot& run);
// `extra` fields are added to the summary's object (e.g. the process's own peak RSS).
Result<void> write_summary(const Snapshot& run, const std::string& path,
                           const Json& extra = Json::object());

}  // namespace cs::trace
