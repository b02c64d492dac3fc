#include "ui/painters/gantt_lod.h"

#include <algorithm>

namespace cs::ui {

namespace {

using trace::TaskRecord;

// First index in [from, to) whose record starts at or after `t`.
std::size_t firstStartingAt(const trace::LogView<TaskRecord>& lane, std::size_t from,
                            std::size_t to, std::int64_t t) {
    auto it = std::partition_point(lane.begin() + static_cast<std::ptrdiff_t>(from),
                                   lane.begin() + static_cast<std::ptrdiff_t>(to),
                                   [&](const TaskRecord& r) { return r.start_ns < t; });
    return it.index();
}

}  // namespace

std::vector<GanttMark> foldLane(const trace::LogView<TaskRecord>& lane, const TimeMapping& mapping,
                                double minWidth) {
    std::vector<GanttMark> marks;
    if (lane.empty() || mapping.span() <= 0 || mapping.width <= 0) return marks;
    // Visible: ends at or after t0 and starts at or before t1 (a lane is sorted by both).
    auto firstIt = std::partition_point(lane.begin(), lane.end(),
                                        [&](const TaskRecord& r) { return r.end_ns < mapping.t0; });
    auto lastIt = std::partition_point(
        firstIt, lane.end(), [&](const TaskRecord& r) { return r.start_ns <= mapping.t1; });
    std::size_t i = firstIt.index();
    const std::size_t last = lastIt.index();
    const auto wide = [&](const TaskRecord& r) {
        return mapping.toX(r.end_ns) - mapping.toX(r.start_ns) >= minWidth;
    };

    while (i < last) {
        const TaskRecord& r = lane[i];
        const double x0 = mapping.toX(r.start_ns);
        if (wide(r)) {
            marks.push_back({x0, mapping.toX(r.end_ns), i, 1});
            ++i;
            continue;
        }
        GanttMark mark{x0, mapping.toX(r.end_ns), i, 0};
        std::size_t j = i;
        // Swallow groups of narrow tasks while the next one starts within minWidth px of the
        // mark's end. Each step jumps by binary search over every task starting in the next
        // minWidth px, so a dense lane costs O(pixels * log n), not O(tasks).
        while (j < last) {
            const TaskRecord& next = lane[j];
            if (j > i && (wide(next) || mapping.toX(next.start_ns) - mark.x1 >= minWidth)) break;
            const std::int64_t cut =
                mapping.toTime(std::max(mark.x1, mapping.toX(next.start_ns)) + minWidth);
            std::size_t k = std::max(j + 1, firstStartingAt(lane, j + 1, last, cut));
            // The last task of the group may be a wide one that merely starts early: keep it
            // for its own mark.
            if (k - 1 > j && wide(lane[k - 1])) --k;
            mark.x1 = std::max(mark.x1, mapping.toX(lane[k - 1].end_ns));
            mark.count += static_cast<std::uint32_t>(k - j);
            j = k;
        }
        marks.push_back(mark);
        i = j;
    }
    return marks;
}

}  // namespace cs::ui
