#include "ui/painters/run_statistics.h"

#include <algorithm>

namespace cs::ui {

using trace::TaskKind;
using trace::TaskRecord;

double RunStatistics::phaseShare(trace::Phase phase) const {
    const double total = static_cast<double>(t1 - t0) * static_cast<double>(lanes);
    return total > 0 ? static_cast<double>(phase_ns[static_cast<std::size_t>(phase)]) / total : 0;
}

double RunStatistics::laneBusyShare(std::size_t lane) const {
    if (lane >= lane_busy_ns.size() || t1 <= t0) return 0;
    return static_cast<double>(lane_busy_ns[lane]) / static_cast<double>(t1 - t0);
}

double RunStatistics::lockWaitShare() const {
    return task_ns > 0 ? static_cast<double>(phase_ns[0]) / static_cast<double>(task_ns) : 0;
}

double RunStatistics::gbPerSecondIn() const {
    return seconds() > 0 ? bytes_in / 1e9 / seconds() : 0;
}

double RunStatistics::gbPerSecondOut() const {
    return seconds() > 0 ? bytes_out / 1e9 / seconds() : 0;
}

namespace {

std::int64_t overlap(std::int64_t a0, std::int64_t a1, std::int64_t b0, std::int64_t b1) {
    return std::max<std::int64_t>(0, std::min(a1, b1) - std::max(a0, b0));
}

bool isChunkTask(TaskKind kind) {
    return kind == TaskKind::Copy || kind == TaskKind::Reduce || kind == TaskKind::Expression;
}

}  // namespace

RunStatistics computeStatistics(const trace::Snapshot& run,
                                std::optional<std::pair<std::int64_t, std::int64_t>> range) {
    RunStatistics s;
    s.t0 = range ? std::min(range->first, range->second) : 0;
    s.t1 = range ? std::max(range->first, range->second) : run.now_ns;
    s.lanes = run.lanes.size();
    s.lane_busy_ns.assign(s.lanes, 0);
    std::map<std::vector<std::uint64_t>, std::size_t> chunkIndex;
    for (std::size_t lane = 0; lane < run.lanes.size(); ++lane) {
        const auto [first, last] = run.visible_range(lane, s.t0, s.t1);
        for (std::size_t i = first; i < last; ++i) {
            const TaskRecord& r = run.lanes[lane][i];
            const std::int64_t clipped = overlap(r.start_ns, r.end_ns, s.t0, s.t1);
            if (clipped <= 0 && r.duration_ns() > 0) continue;
            ++s.tasks;
            s.task_ns += clipped;
            s.lane_busy_ns[lane] += clipped;
            const bool whole = r.start_ns >= s.t0 && r.end_ns <= s.t1;
            // Phases from spans (clipped); when the spans ran out the totals are exact only
            // for whole tasks, which is what a record inside the range is.
            if (whole) {
                for (std::size_t p = 0; p < trace::kPhaseCount; ++p) s.phase_ns[p] += r.phase_ns[p];
            } else {
                for (const auto& span : r.phase_spans())
                    s.phase_ns[static_cast<std::size_t>(span.phase)] +=
                        overlap(span.start_ns, span.end_ns, s.t0, s.t1);
            }
            const double share = r.duration_ns() > 0 ? static_cast<double>(clipped) /
                                                           static_cast<double>(r.duration_ns())
                                                     : 1.0;
            s.bytes_in += share * static_cast<double>(r.bytes_raw_in);
            s.bytes_out += share * static_cast<double>(r.bytes_raw_out);
            s.stored_in += share * static_cast<double>(r.bytes_stored_in);
            s.stored_out += share * static_cast<double>(r.bytes_stored_out);
            if (isChunkTask(r.kind)) {
                // A task over several chunks (its graph node lists them) shares its time out
                // evenly: each of its chunks gets a part, and counts the task once.
                const trace::TaskNode* node =
                    run.graph && r.id < run.graph->size() ? &run.graph->nodes[r.id] : nullptr;
                const std::size_t n = node ? node->chunk_count() : 1;
                for (std::size_t k = 0; k < n; ++k) {
                    std::vector<std::uint64_t> c;
                    if (n > 1)
                        c.assign(node->chunk(k).begin(), node->chunk(k).end());
                    else
                        c.assign(r.chunk().begin(), r.chunk().end());
                    auto [it, inserted] = chunkIndex.emplace(c, s.chunks.size());
                    if (inserted) s.chunks.push_back({std::move(c), 0, 0});
                    const auto part = r.duration_ns() / static_cast<std::int64_t>(n);
                    s.chunks[it->second].ns +=
                        k == 0 ? r.duration_ns() - part * static_cast<std::int64_t>(n - 1) : part;
                    ++s.chunks[it->second].tasks;
                }
            }
        }
    }
    return s;
}

}  // namespace cs::ui
