// Collects one run's trace while it runs: per-lane append-only task logs (no lock per task),
// per-node states, progress counters and the resource samples. Workers write only to their own
// lane; the UI thread calls snapshot() at any rate without blocking them.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/json/json.h"
#include "core/trace/append_log.h"
#include "core/trace/clock.h"
#include "core/trace/snapshot.h"

namespace cs::trace {

class TraceRecorder {
public:
    // `lanes`: the number of worker threads (the arena's slots). `graph` must not be null.
    TraceRecorder(RunSettings settings, std::shared_ptr<const TaskGraph> graph,
                  std::uint32_t lanes);
    ~TraceRecorder();
    TraceRecorder(const TraceRecorder&) = delete;
    TraceRecorder& operator=(const TraceRecorder&) = delete;

    // Sets time zero and the Running status. Call once, before any task starts.
    void start();
    // Nanoseconds since start().
    std::int64_t now() const { return monotonic_ns() - t0_; }
    bool recording() const { return settings_.record_tasks; }
    std::uint32_t lane_count() const { return lane_count_; }
    const RunSettings& settings() const { return settings_; }

    // Worker side, `lane` < lane_count(), only from the thread that owns the lane.
    void task_started(std::uint32_t lane, std::uint64_t id, TaskKind kind, std::int64_t start_ns);
    // A TaskTimer's task, timed on `lane`, opens with begin_record() and ends with either
    // task_finished(record, /*begun=*/true) or, dropped without finishing, drop_record(). Tasks
    // that finish while another begun on the same lane is still open (nesting: not something
    // the executor does today) wait until none is, and are then published in start order.
    void begin_record(std::uint32_t lane);
    void drop_record(std::uint32_t lane);
    // Publishes the record (when recording) and marks the node done or failed.
    void task_finished(const TaskRecord& record, bool begun = false);
    void add_bytes(std::uint32_t lane, std::uint64_t read, std::uint64_t written);

    // Sampler thread only.
    void add_sample(const ResourceSample& sample);

    // Any thread. The first call with a final status wins.
    void finish(RunStatus status, std::string error = {});
    void set_metadata(Json metadata);

    // Any thread, any time: an immutable view of everything so far.
    Snapshot snapshot() const;

private:
    struct Lane;
    RunSettings settings_;
    std::shared_ptr<const TaskGraph> graph_;
    std::uint32_t lane_count_;
    std::unique_ptr<Lane[]> lanes_;
    std::unique_ptr<std::atomic<std::uint8_t>[]> node_states_;
    AppendLog<ResourceSample> samples_;
    std::int64_t t0_ = 0;
    std::int64_t start_unix_ns_ = 0;

    mutable std::mutex status_mutex_;  // guards the fields below (rarely touched)
    RunStatus status_ = RunStatus::NotStarted;
    std::string error_;
    std::int64_t end_ns_ = -1;
    Json metadata_ = Json::object();
};

}  // namespace cs::trace
