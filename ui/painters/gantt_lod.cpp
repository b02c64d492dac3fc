#include "ui/painters/gantt_lod.h"

#include <algorithm>

namespace cs::ui {

std::vector<GanttMark> foldLane(const trace::TaskLogView& lane, const TimeMapping& mapping,
                                double minWidth) {
    std::vector<GanttMark> marks;
    if (lane.empty() || mapping.span() <= 0 || mapping.width <= 0) return marks;
    const auto startX = [&](std::size_t i) { return mapping.toX(lane.start_ns(i)); };
    const auto endX = [&](std::size_t i) { return mapping.toX(lane.end_ns(i)); };
    // Visible: ends at or after t0 and starts at or before t1 (a lane is sorted by both).
    std::size_t i = lane.first_ending_at_or_after(mapping.t0, 0, lane.size());
    const std::size_t last = lane.first_starting_after(mapping.t1, i, lane.size());
    const auto wide = [&](std::size_t k) { return endX(k) - startX(k) >= minWidth; };

    while (i < last) {
        const double x0 = startX(i);
        if (wide(i)) {
            marks.push_back({x0, endX(i), i, 1});
            ++i;
            continue;
        }
        GanttMark mark{x0, endX(i), i, 0};
        std::size_t j = i;
        // Swallow groups of narrow tasks while the next one starts within minWidth px of the
        // mark's end. Each step jumps by binary search over every task starting in the next
        // minWidth px, so a dense lane costs O(pixels * log n), not O(tasks).
        while (j < last) {
            if (j > i && (wide(j) || startX(j) - mark.x1 >= minWidth)) break;
            const std::int64_t cut = mapping.toTime(std::max(mark.x1, startX(j)) + minWidth);
            std::size_t k = std::max(j + 1, lane.first_starting_at_or_after(cut, j + 1, last));
            // The last task of the group may be a wide one that merely starts early: keep it
            // for its own mark.
            if (k - 1 > j && wide(k - 1)) --k;
            mark.x1 = std::max(mark.x1, endX(k - 1));
            mark.count += static_cast<std::uint32_t>(k - j);
            j = k;
        }
        marks.push_back(mark);
        i = j;
    }
    return marks;
}

}  // namespace cs::ui
