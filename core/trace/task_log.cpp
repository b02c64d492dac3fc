#include "core/trace/task_log.h"

#include <algorithm>
#include <limits>
#include <ranges>

namespace cs::trace {

bool pack_task(const TaskRecord& r, PackedTask& out) {
    constexpr std::uint64_t kMax32 = std::numeric_limits<std::uint32_t>::max();
    if (r.rank > kPackedRank || r.span_count > kPackedSpans || r.span_shift() != 0 ||
        r.lane > std::numeric_limits<std::uint16_t>::max())
        return false;
    if (r.bytes_stored_in > kMax32 || r.bytes_raw_in > kMax32 || r.bytes_raw_out > kMax32 ||
        r.bytes_stored_out > kMax32)
        return false;
    // The packed form keeps spans only; its phase totals are their sums. A record whose totals
    // say more (spans merged once they ran out, a span clamped at the task's start) stays whole.
    std::array<std::int64_t, kPhaseCount> sums{};
    for (std::size_t i = 0; i < r.span_count; ++i) {
        const auto& o = r.span_offsets(i);
        sums[static_cast<std::size_t>(r.span_phase(i))] += std::int64_t{o[1]} - o[0];
    }
    if (sums != r.phase_ns) return false;

    out.id = r.id;
    out.start_ns = r.start_ns;
    out.end_ns = r.end_ns;
    out.bytes = {static_cast<std::uint32_t>(r.bytes_stored_in),
                 static_cast<std::uint32_t>(r.bytes_raw_in),
                 static_cast<std::uint32_t>(r.bytes_raw_out),
                 static_cast<std::uint32_t>(r.bytes_stored_out)};
    out.coords = {r.coords[0], r.coords[1], r.coords[2]};
    for (std::size_t i = 0; i < kPackedSpans; ++i) {
        out.spans[i] = i < r.span_count ? r.span_offsets(i) : std::array<std::uint32_t, 2>{};
        out.span_phase[i] = i < r.span_count ? r.span_phase(i) : Phase{};
    }
    out.lane = static_cast<std::uint16_t>(r.lane);
    out.kind = r.kind;
    out.flags = r.failed ? PackedTask::kFailed : 0;
    out.rank = r.rank;
    out.span_count = r.span_count;
    return true;
}

TaskRecord unpack_task(const PackedTask& p) {
    TaskRecord r;
    r.id = p.id;
    r.start_ns = p.start_ns;
    r.end_ns = p.end_ns;
    r.lane = p.lane;
    r.kind = p.kind;
    r.failed = (p.flags & PackedTask::kFailed) != 0;
    r.rank = p.rank;
    for (std::size_t i = 0; i < kPackedRank; ++i) r.coords[i] = p.coords[i];
    r.bytes_stored_in = p.bytes[0];
    r.bytes_raw_in = p.bytes[1];
    r.bytes_raw_out = p.bytes[2];
    r.bytes_stored_out = p.bytes[3];
    for (std::size_t i = 0; i < p.span_count; ++i)
        r.add_span(p.span_phase[i], p.start_ns + p.spans[i][0], p.start_ns + p.spans[i][1]);
    return r;
}

void TaskLog::append(const TaskRecord& r) {
    PackedTask& slot = packed_.next_slot();
    if (!pack_task(r, slot)) {
        // The whole record is published first: a reader that sees the packed slot (acquire on
        // the packed count) then sees the overflow count that covers it.
        const std::size_t index = overflow_.size();
        overflow_.append(r);
        slot = PackedTask{};
        slot.id = r.id;
        slot.start_ns = r.start_ns;
        slot.end_ns = r.end_ns;
        slot.kind = r.kind;
        slot.flags = PackedTask::kOverflow;
        slot.coords[0] = static_cast<std::uint32_t>(index);  // 2^32 whole records: 1 TiB
    }
    packed_.publish();
}

TaskLogView TaskLog::view() const {
    // Packed first: every overflow index in it is below the overflow count loaded after it.
    LogView<PackedTask> packed = packed_.view();
    return TaskLogView(std::move(packed), overflow_.view());
}

namespace {

// The first index in [from, to) for which `before` is false (it holds for a prefix).
template <class Before>
std::size_t partition_index(std::size_t from, std::size_t to, Before before) {
    const auto indices = std::views::iota(from, std::max(from, to));
    return from + static_cast<std::size_t>(std::ranges::partition_point(indices, before) -
                                           indices.begin());
}

}  // namespace

std::size_t TaskLogView::first_ending_at_or_after(std::int64_t t, std::size_t from,
                                                  std::size_t to) const {
    return partition_index(from, to, [&](std::size_t i) { return end_ns(i) < t; });
}

std::size_t TaskLogView::first_starting_after(std::int64_t t, std::size_t from,
                                              std::size_t to) const {
    return partition_index(from, to, [&](std::size_t i) { return start_ns(i) <= t; });
}

std::size_t TaskLogView::first_starting_at_or_after(std::int64_t t, std::size_t from,
                                                    std::size_t to) const {
    return partition_index(from, to, [&](std::size_t i) { return start_ns(i) < t; });
}

TaskLogView TaskLogView::from_vector(const std::vector<TaskRecord>& records) {
    TaskLog log;
    log.reserve(records.size());
    for (const TaskRecord& r : records) log.append(r);
    return log.view();  // shares the log's blocks, which outlive it
}

}  // namespace cs::trace
