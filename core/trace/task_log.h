// A lane's finished tasks, kept compactly. Fresh pages for the records cost more than recording's
// bookkeeping on the benchmark machine (recording_cost_bench: 438 ns per 256-byte TaskRecord
// against ~50-90 ns of bookkeeping on warm memory). So the log stores the common task in a
// 96-byte PackedTask: at most 4 spans (a copy's read, decode, encode, write), rank <= 3, byte
// counts under 4 GiB, spans at full resolution, and phase totals equal to the sums of its spans.
// Any other task (a rechunking copy's many reads, a 77-chunk HDF5 leaf, a 5-D chunk) is kept
// whole in the lane's overflow log, and its packed slot points there. Readers get TaskRecords
// back, decoded on access.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/trace/append_log.h"
#include "core/trace/task_record.h"

namespace cs::trace {

inline constexpr std::size_t kPackedRank = 3;
inline constexpr std::size_t kPackedSpans = 4;

struct PackedTask {
    static constexpr std::uint8_t kFailed = 1;
    static constexpr std::uint8_t kOverflow = 2;  // the record is whole in the overflow log, at
                                                  // index coords[0]

    std::uint64_t id;
    std::int64_t start_ns;
    std::int64_t end_ns;
    std::array<std::uint32_t, 4> bytes;  // stored in, raw in, raw out, stored out
    std::array<std::uint32_t, kPackedRank> coords;
    std::array<std::array<std::uint32_t, 2>, kPackedSpans> spans;  // ns after start_ns
    std::uint16_t lane;
    TaskKind kind;
    std::uint8_t flags;
    std::uint8_t rank;
    std::uint8_t span_count;
    std::array<Phase, kPackedSpans> span_phase;
};
static_assert(sizeof(PackedTask) == 96);

// Writes `r` into `out` and returns true when the packed form keeps all of it; otherwise
// returns false and leaves `out` as it was.
bool pack_task(const TaskRecord& r, PackedTask& out);
// The record a packed slot holds (not one marked kOverflow).
TaskRecord unpack_task(const PackedTask& p);

// An immutable prefix of a TaskLog, or of imported records: random access, by value.
class TaskLogView {
public:
    TaskLogView() = default;
    TaskLogView(LogView<PackedTask> packed, LogView<TaskRecord> overflow)
        : packed_(std::move(packed)), overflow_(std::move(overflow)) {}
    // Packs records (an imported trace, a test's lane), in their order.
    static TaskLogView from_vector(const std::vector<TaskRecord>& records);

    std::size_t size() const { return packed_.size(); }
    bool empty() const { return packed_.empty(); }
    TaskRecord operator[](std::size_t i) const {
        const PackedTask& p = packed_[i];
        return (p.flags & PackedTask::kOverflow) ? overflow_[p.coords[0]] : unpack_task(p);
    }
    TaskRecord back() const { return (*this)[size() - 1]; }
    // Without decoding the record: for binary searches over a lane.
    std::int64_t start_ns(std::size_t i) const { return packed_[i].start_ns; }
    std::int64_t end_ns(std::size_t i) const { return packed_[i].end_ns; }
    std::uint64_t id(std::size_t i) const { return packed_[i].id; }
    // Binary searches over [from, to) on the packed times (a lane is sorted by start and by
    // end): the first record that ends at or after t, that starts after t, that starts at or
    // after t; `to` when there is none.
    std::size_t first_ending_at_or_after(std::int64_t t, std::size_t from, std::size_t to) const;
    std::size_t first_starting_after(std::int64_t t, std::size_t from, std::size_t to) const;
    std::size_t first_starting_at_or_after(std::int64_t t, std::size_t from, std::size_t to) const;
    // Records kept whole, not packed (tests and the benchmark look at it).
    std::size_t overflow_count() const { return overflow_.size(); }

    using iterator = IndexIterator<TaskLogView>;
    iterator begin() const { return iterator(this, 0); }
    iterator end() const { return iterator(this, size()); }

private:
    LogView<PackedTask> packed_;
    LogView<TaskRecord> overflow_;
};

// One lane's log: a single writer appends, any thread takes a view (see AppendLog).
class TaskLog {
public:
    // Writer thread only.
    void append(const TaskRecord& r);
    // Before the writer starts: room for `records` packed records and a first block of whole
    // ones (see AppendLog::reserve), so the writer allocates nothing until they run out.
    void reserve(std::size_t records) {
        packed_.reserve(records);
        overflow_.reserve(1);
    }
    // Any thread.
    TaskLogView view() const;

private:
    AppendLog<PackedTask> packed_;
    AppendLog<TaskRecord> overflow_;
};

}  // namespace cs::trace
