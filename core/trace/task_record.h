// What one engine task did, as the profiler shows it: when it ran, on which lane, how long each
// phase took and how many bytes went in and out. Records are plain fixed-size values (no heap
// members), so appending one to a lane's buffer costs a copy and nothing else.
#pragma once

#include <algorithm>
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

// Most arrays have rank <= 8; deeper coordinates are truncated in the record, and a coordinate
// above 2^32 - 1 (no real chunk grid has that many chunks on one axis) is kept as 2^32 - 1.
// The task graph node keeps them all, exactly.
inline constexpr std::size_t kMaxRecordedRank = 8;
// Phase spans kept per task. A rechunking copy reads several source chunks: when spans run out,
// the last span of the same phase is extended instead (phase_ns stays exact either way).
inline constexpr std::size_t kMaxPhaseSpans = 12;

// A task's spans, decoded from the record (see TaskRecord::phase_spans()).
struct PhaseSpanList {
    std::array<PhaseSpan, kMaxPhaseSpans> items{};
    std::size_t count = 0;
    std::size_t size() const { return count; }
    bool empty() const { return count == 0; }
    const PhaseSpan& operator[](std::size_t i) const { return items[i]; }
    const PhaseSpan* begin() const { return items.data(); }
    const PhaseSpan* end() const { return items.data() + count; }
};

// 256 bytes, four cache lines: coordinates in 32 bits and spans as 32-bit offsets from the
// task's start (it was 512 bytes). A lane's log keeps most records in 96 bytes (task_log.h):
// recording's cost on tiny tasks is the first touch of fresh record memory.
struct TaskRecord {
    std::uint64_t id = 0;  // the task graph node id
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
    std::uint32_t lane = 0;  // worker thread index in the arena: the Gantt row
    TaskKind kind = TaskKind::Other;
    bool failed = false;    // the task returned an error (the run stops)
    std::uint8_t rank = 0;  // entries of `coords` in use
    std::uint8_t span_count = 0;

    std::uint64_t bytes_stored_in = 0;   // encoded bytes read from storage
    std::uint64_t bytes_raw_in = 0;      // decoded bytes the task consumed
    std::uint64_t bytes_raw_out = 0;     // decoded bytes the task produced
    std::uint64_t bytes_stored_out = 0;  // encoded bytes written to storage

    std::array<std::int64_t, kPhaseCount> phase_ns{};  // total time per phase (indexed by Phase)
    std::array<std::uint32_t, kMaxRecordedRank> coords{};  // chunk coordinates (combine: the
                                                           // output block's coordinates)

    std::int64_t duration_ns() const { return end_ns - start_ns; }
    std::span<const std::uint32_t> chunk() const { return {coords.data(), rank}; }
    // The spans in time order, nested in [start, end].
    PhaseSpanList phase_spans() const {
        PhaseSpanList list;
        list.count = span_count;
        for (std::size_t i = 0; i < span_count; ++i) {
            list.items[i] =
                PhaseSpan{span_phase_[i], at(span_offsets_[i][0]), at(span_offsets_[i][1])};
        }
        return list;
    }

    // Appends a span (or extends the last span of the same phase when spans run out) and adds
    // its duration to phase_ns. Set start_ns first: spans are stored relative to it.
    void add_span(Phase phase, std::int64_t start, std::int64_t end) {
        phase_ns[static_cast<std::size_t>(phase)] += end - start;
        const std::uint64_t from = offset_of(start);
        const std::uint64_t to = std::max(offset_of(end), from);
        while ((to >> span_shift_) > kMaxOffset) coarsen();
        const auto encode = [this](std::uint64_t ns) {
            return static_cast<std::uint32_t>(ns >> span_shift_);
        };
        if (span_count < kMaxPhaseSpans) {
            span_phase_[span_count] = phase;
            span_offsets_[span_count++] = {encode(from), encode(to)};
            return;
        }
        for (std::size_t i = span_count; i-- > 0;) {
            if (span_phase_[i] == phase) {
                span_offsets_[i][1] = encode(to);
                return;
            }
        }
    }
    // Span i as stored: offsets from start_ns in units of 2^span_shift() ns (task_log.h keeps
    // records in this form).
    std::uint8_t span_shift() const { return span_shift_; }
    Phase span_phase(std::size_t i) const { return span_phase_[i]; }
    const std::array<std::uint32_t, 2>& span_offsets(std::size_t i) const {
        return span_offsets_[i];
    }
    void set_coords(std::span<const std::uint64_t> c) {
        rank = static_cast<std::uint8_t>(c.size() < kMaxRecordedRank ? c.size() : kMaxRecordedRank);
        for (std::size_t i = 0; i < rank; ++i)
            coords[i] = static_cast<std::uint32_t>(c[i] < kMaxOffset ? c[i] : kMaxOffset);
    }

private:
    static constexpr std::uint64_t kMaxOffset = 0xffff'ffff;
    std::uint64_t offset_of(std::int64_t t) const {
        return t > start_ns ? static_cast<std::uint64_t>(t - start_ns) : 0;
    }
    std::int64_t at(std::uint32_t offset) const {
        return start_ns + static_cast<std::int64_t>(std::uint64_t{offset} << span_shift_);
    }
    // A task longer than 2^32 ns (4.3 s) at the current resolution: halve the resolution of
    // its offsets (2 ns units up to 8.6 s, and so on) instead of losing spans.
    void coarsen() {
        ++span_shift_;
        for (std::size_t i = 0; i < span_count; ++i) {
            span_offsets_[i][0] >>= 1;
            span_offsets_[i][1] >>= 1;
        }
    }

    std::uint8_t span_shift_ = 0;  // offsets are in units of 2^span_shift_ ns
    std::array<Phase, kMaxPhaseSpans> span_phase_{};
    std::array<std::array<std::uint32_t, 2>, kMaxPhaseSpans> span_offsets_{};
};
static_assert(sizeof(TaskRecord) == 256);

// A task that has started and not finished yet, as a live snapshot shows it.
struct RunningTask {
    std::uint64_t id = 0;
    TaskKind kind = TaskKind::Other;
    std::uint32_t lane = 0;
    std::int64_t start_ns = 0;
};

}  // namespace cs::trace
