// An immutable view of a run: its settings, task graph, every finished task (per lane, sorted by
// start time), the tasks running right now, the resource samples and the progress counters. The
// UI takes one at 10+ Hz while a run goes on (TraceRecorder::snapshot(), which never blocks the
// workers), and an imported profile (chrome_trace.h) is a Snapshot of a finished run, so live and
// saved runs draw through the same code. Copying a Snapshot shares its data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/json/json.h"
#include "core/trace/append_log.h"
#include "core/trace/resource_sample.h"
#include "core/trace/run_settings.h"
#include "core/trace/task_graph.h"
#include "core/trace/task_log.h"
#include "core/trace/task_record.h"

namespace cs::trace {

enum class RunStatus : std::uint8_t { NotStarted, Running, Finished, Cancelled, Failed };
const char* run_status_name(RunStatus status);  // "not started", "running", "finished", ...

struct Progress {
    std::uint64_t tasks_done = 0;
    std::uint64_t tasks_total = 0;
    std::uint64_t bytes_read = 0;     // stored bytes read from storage
    std::uint64_t bytes_written = 0;  // stored bytes written to storage
};

struct Snapshot {
    RunSettings settings;
    RunStatus status = RunStatus::NotStarted;
    std::string error;               // why the run failed, when it did
    std::int64_t now_ns = 0;         // when the snapshot was taken (since the run started); the
                                     // run's wall time once it has ended
    std::int64_t start_unix_ns = 0;  // wall-clock time the run started (for reports)
    Progress progress;
    // Store statistics and anything else worth keeping with a saved profile (codec, chunk shape,
    // stored/raw bytes of the inputs); written into the Chrome trace metadata.
    Json metadata = Json::object();

    std::shared_ptr<const TaskGraph> graph;  // never null for a run the engine made
    std::vector<NodeState> node_states;      // indexed by node id

    // Finished tasks of each lane, sorted by start_ns (and so by end_ns: a lane runs one task at
    // a time). lanes.size() is the number of worker threads.
    std::vector<TaskLogView> lanes;
    std::vector<RunningTask> running;  // started and not finished, at most one per lane
    LogView<ResourceSample> samples;   // sorted by t_ns

    std::size_t task_count() const {
        std::size_t n = 0;
        for (const auto& lane : lanes) n += lane.size();
        return n;
    }
    // Indices [first, last) of the records of `lane` that overlap the time range [t0, t1]:
    // binary search, for painting only what is visible.
    std::pair<std::size_t, std::size_t> visible_range(std::size_t lane, std::int64_t t0,
                                                      std::int64_t t1) const;
    // Every finished record of every lane, sorted by start time (for tables and exports).
    std::vector<TaskRecord> all_records() const;
};

}  // namespace cs::trace
