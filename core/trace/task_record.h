// What one engine task did, as the profiler shows it: when it ran, on which lane, how long each
// phase took and how many bytes went in and out. Records are plain fixed-size values (no heap
// members), so appending one to a lane's buffer costs a copy and nothing else.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace cs::trace {

// The phases of a task, in the order a copy task runs them. The numeric values index arrays
// (TaskRecord::phase_ns) and are written into saved profiles: never reorder them.
enum class Phase : std::uint8_t { LockWait, Read, Decode, Compute, Encode, Write };
inline constexpr std::size_t kPhaseCount = 6;
// "lock_wait", "read", "decode", "compute", "encode", "write": names in traces, CSV and summaries.
const char* phase_name(Phase phase);
// Inverse of phase_name(); false when `name` is not a phase.
bool phase_from_name(const char* name, Phase* out);

// What a task does. Values are written into saved profiles: append only.
enum class TaskKind : std::uint8_t {
    Copy,     // read a source chunk (or the chunks a target chunk overlaps), write a target chunk
    Reduce,   // read a chunk and reduce it into a partial result
    Combine,  // merge partial results (a node of the reduction tree)
    Expression,  // evaluate an element-wise expression over one chunk (and write it)
    Finalize,    // write a small result (.npy) or finish the output metadata
    Other,
};
const char* task_kind_name(TaskKind kind);  // "copy", "reduce", "combine", ...
bool task_kind_from_name(const char* name, TaskKind* out);

// One timed phase inside a task. Times are nanoseconds since the run started (Run::start), like
// every time in core/trace.
struct PhaseSpan {
    Phase phase = Phase::Read;
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
    std::int64_t duration_ns() const { return end_ns - start_ns; }
};

// Most arrays have rank <= 8; deeper coordinates are truncated in the record (the task graph
// node keeps them all).
inline constexpr std::size_t kMaxRecordedRank = 8;
// Phase spans kept per task. A rechunking copy reads several source chunks: when spans run out,
// the last span of the same phase is extended instead (phase_ns stays exact either way).
inline constexpr std::size_t kMaxPhaseSpans = 14;

struct TaskRecord {
    std::uint64_t id = 0;  // the task graph node id
    TaskKind kind = TaskKind::Other;
    bool failed = false;    // the task returned an error (the run stops)
    std::uint8_t rank = 0;  // entries of `coords` in use
    std::uint8_t span_count = 0;
    std::uint32_t lane = 0;  // worker thread index in the arena: the Gantt row
    std::array<std::uint64_t, kMaxRecordedRank> coords{};  // chunk coordinates (combine: the
                                                           // output block's coordinates)
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
    std::array<std::int64_t, kPhaseCount> phase_ns{};  // total time per phase (indexed by Phase)

    std::uint64_t bytes_stored_in = 0;   // encoded bytes read from storage
    std::uint64_t bytes_raw_in = 0;      // decoded bytes the task consumed
    std::uint64_t bytes_raw_out = 0;     // decoded bytes the task produced
    std::uint64_t bytes_stored_out = 0;  // encoded bytes written to storage

    // Last: a task writes only the spans it has, so a record written in place touches four of
    // its eight cache lines, not the five it touched with the spans in the middle.
    std::array<PhaseSpan, kMaxPhaseSpans> spans{};  // in time order, nested in [start, end]

    std::int64_t duration_ns() const { return end_ns - start_ns; }
    std::span<const std::uint64_t> chunk() const { return {coords.data(), rank}; }
    std::span<const PhaseSpan> phase_spans() const { return {spans.data(), span_count}; }

    // Appends a span (or extends the last span of the same phase when spans run out) and adds
    // its duration to phase_ns.
    void add_span(Phase phase, std::int64_t start, std::int64_t end) {
        phase_ns[static_cast<std::size_t>(phase)] += end - start;
        if (span_count < kMaxPhaseSpans) {
            spans[span_count++] = PhaseSpan{phase, start, end};
            return;
        }
        for (std::size_t i = span_count; i-- > 0;) {
            if (spans[i].phase == phase) {
                spans[i].end_ns = end;
                return;
            }
        }
    }
    void set_coords(std::span<const std::uint64_t> c) {
        rank = static_cast<std::uint8_t>(c.size() < kMaxRecordedRank ? c.size() : kMaxRecordedRank);
        for (std::size_t i = 0; i < rank; ++i) coords[i] = c[i];
    }
};

// A task that has started and not finished yet, as a live snapshot shows it.
struct RunningTask {
    std::uint64_t id = 0;
    TaskKind kind = TaskKind::Other;
    std::uint32_t lane = 0;
    std::int64_t start_ns = 0;
};

}  // namespace cs::trace
