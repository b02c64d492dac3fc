#include "core/trace/snapshot.h"

#include <algorithm>

namespace cs::trace {

std::pair<std::size_t, std::size_t> Snapshot::visible_range(std::size_t lane, std::int64_t t0,
                                                            std::int64_t t1) const {
    if (lane >= lanes.size()) return {0, 0};
    const auto& log = lanes[lane];
    // A lane's records are sorted by start and by end, so both bounds are binary searches.
    auto first = std::partition_point(log.begin(), log.end(),
                                      [&](const TaskRecord& r) { return r.end_ns < t0; });
    auto last = std::partition_point(first, log.end(),
                                     [&](const TaskRecord& r) { return r.start_ns <= t1; });
    return {first.index(), last.index()};
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
