// The statistics view's numbers for a run, over its whole time or a chosen time range (the
// Gantt's rubber band): per phase the total time and its share of the lanes' time, per lane the
// busy share, the lock wait share, bytes in and out per second, and the cost of every chunk.
// Tasks are clipped to the range, so the numbers of adjacent ranges add up.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/trace/snapshot.h"

namespace cs::ui {

struct ChunkCost {
    std::vector<std::uint64_t> coords;
    std::int64_t ns = 0;  // summed duration of the tasks that processed this chunk
    std::uint32_t tasks = 0;
};

struct RunStatistics {
    std::int64_t t0 = 0, t1 = 0;  // the range the numbers cover
    std::size_t lanes = 0;
    std::uint64_t tasks = 0;  // tasks overlapping the range
    std::array<std::int64_t, trace::kPhaseCount> phase_ns{};
    std::vector<std::int64_t> lane_busy_ns;
    std::int64_t task_ns = 0;  // summed (clipped) task time
    double bytes_in = 0;       // raw (decoded) bytes consumed, prorated to the range
    double bytes_out = 0;      // raw bytes produced
    double stored_in = 0, stored_out = 0;
    std::vector<ChunkCost> chunks;  // chunk tasks (copy, reduce, expression), by coordinates

    double seconds() const { return static_cast<double>(t1 - t0) / 1e9; }
    // Share of all lanes' time in [t0, t1] that `phase` took (0..1).
    double phaseShare(trace::Phase phase) const;
    double laneBusyShare(std::size_t lane) const;
    double lockWaitShare() const;  // lock wait / task time
    double gbPerSecondIn() const;
    double gbPerSecondOut() const;
};

// `range`: nullopt for the whole run ([0, now_ns]).
RunStatistics computeStatistics(const trace::Snapshot& run,
                                std::optional<std::pair<std::int64_t, std::int64_t>> range = {});

}  // namespace cs::ui
