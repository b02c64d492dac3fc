// Level of detail for the Gantt chart: which marks to draw for one lane at the current zoom.
// Records of a lane are sorted by start time, so the visible ones are found by binary search,
// and runs of consecutive tasks narrower than ~3 px fold into one counted mark (the trick that
// keeps a million-task trace repainting within a frame: the work per lane is bounded by the
// number of pixels, not the number of tasks).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/trace/task_log.h"
#include "core/trace/task_record.h"
#include "ui/painters/time_mapping.h"

namespace cs::ui {

struct GanttMark {
    double x0 = 0;            // left pixel
    double x1 = 0;            // right pixel
    std::size_t first = 0;    // index of the first record in the lane
    std::uint32_t count = 0;  // records covered: 1 = one task drawn in detail, > 1 = folded run
    bool folded() const { return count > 1; }
};

// Marks for the records of `lane` visible under `mapping` (within [x0, x0 + width]), in time
// order. Tasks at least `minWidth` px wide get a mark each; consecutive narrower tasks that lie
// within `minWidth` px of each other fold into one mark.
std::vector<GanttMark> foldLane(const trace::TaskLogView& lane, const TimeMapping& mapping,
                                double minWidth = 3.0);

}  // namespace cs::ui
