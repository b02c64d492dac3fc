#include "core/trace/snapshot.h"

#include <algorithm>

namespace cs::trace {

std::pair<std::size_t, std::size_t> Snapshot::visible_range(std::size_t lane, std::int64_t t0,
                                                            std::int64_t t1) const {
    if (lane >= lanes.size()) return {0, 0};
    const TaskLogView& log = lanes[lane];
    const std::size_t first = log.first_ending_at_or_after(t0, 0, log.size());
    return {first, log.first_starting_after(t1, first, log.size())};
}

std::vector<TaskRecord> Snapshot::all_records() const {
    std::vector<TaskRecord> out;
    out.reserve(task_count());
    for (const auto& lane : lanes)
        for (const auto& r : lane) out.push_back(r);
    std::stable_sort(out.begin(), out.end(), [](const TaskRecord& a, const TaskRecord& b) {
        return a.start_ns != b.start_ns ? a.start_ns < b.start_ns : a.id < b.id;
    });
    return out;
}

}  // namespace cs::trace
