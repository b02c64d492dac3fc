// The bookkeeping of one tiny reduce task as the engine times it (run_leaf over a chunk of a few
// values): a chunk coordinate, read and decode phases from the last clock reading, a compute
// phase, two byte counts. recording_cost_bench times it; the task log's tests check it packs.
#pragma once

#include <cstdint>

#include "core/trace/task_timer.h"

namespace cs::trace {

inline void time_tiny_task(TraceRecorder& recorder, std::uint32_t lane, std::uint64_t id) {
    const std::uint64_t coords[] = {id};
    TaskTimer t(recorder, lane, id, TaskKind::Reduce, coords);
    { auto read = t.phase_from_last(Phase::Read); }
    t.add_stored_in(80);
    { auto decode = t.phase_from_last(Phase::Decode); }
    t.add_raw_in(80);
    { auto compute = t.phase(Phase::Compute); }
    t.finish(false);
}

}  // namespace cs::trace
