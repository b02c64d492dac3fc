// What recording one task costs a worker, without the engine around it: the bookkeeping a tiny
// task does (a TaskTimer with a chunk coordinate, three phases, two byte counts, finish) on one
// lane, with recording on and off. Two costs are told apart, because on a virtual machine they
// differ by an order of magnitude from run to run:
//   - "warm": the records' memory was written before (blocks reused from the block cache), so
//     this is the CPU cost of the bookkeeping alone;
//   - "fresh": the records go to memory the process never touched, as in a single CLI run; the
//     difference to "warm" is the kernel (and, in a VM, the host) supplying zeroed pages.
// Usage: recording_cost_bench [tasks per round, default 50000] [rounds, default 15]
// The warm rounds fit the block cache (8 blocks of 2 MiB: 174,760 packed records of 96 bytes).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "bench/tiny_task_record.h"
#include "core/trace/recorder.h"
#include "core/trace/task_timer.h"

using namespace cs::trace;

namespace {

std::shared_ptr<const TaskGraph> graph_of(std::size_t n) {
    auto g = std::make_shared<TaskGraph>();
    g->nodes.resize(n);
    for (std::size_t i = 0; i < n; ++i) g->nodes[i].id = i;
    return g;
}

// Seconds for one round: the recorder made (it reserves the records' memory), `tasks` tiny
// tasks' bookkeeping on lane 0, and a final snapshot, like one engine run.
double one_round(const std::shared_ptr<const TaskGraph>& graph, bool record) {
    RunSettings settings;
    settings.record_tasks = record;
    const auto t0 = std::chrono::steady_clock::now();
    TraceRecorder rec(settings, graph, 1);
    rec.start();
    for (std::size_t i = 0; i < graph->size(); ++i) time_tiny_task(rec, 0, i);
    const Snapshot end = rec.snapshot();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t tasks = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 50000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 15;
    const auto graph = graph_of(tasks);

    // Fresh: the first recording round of the process, before any record block was freed.
    // A round with recording off goes first, so one-time costs (the clock's calibration, the
    // code's first run) are not counted as memory.
    one_round(graph, false);
    const double fresh = one_round(graph, true);
    std::vector<double> on, off;
    for (int r = 0; r < rounds; ++r) {
        on.push_back(one_round(graph, true));  // reuses the blocks the round before freed
        off.push_back(one_round(graph, false));
    }
    std::sort(on.begin(), on.end());
    std::sort(off.begin(), off.end());
    const auto per_task = [&](double s) { return s * 1e9 / static_cast<double>(tasks); };
    const double off_med = per_task(off[off.size() / 2]);
    std::printf("tasks per round: %zu, record size %zu bytes in the log (%zu as a TaskRecord)\n",
                tasks, sizeof(PackedTask), sizeof(TaskRecord));
    std::printf("recording off: median %.1f ns/task (min %.1f)\n", off_med, per_task(off[0]));
    std::printf("recording on, warm memory: median %.1f ns/task (min %.1f): bookkeeping %.1f ns\n",
                per_task(on[on.size() / 2]), per_task(on[0]),
                per_task(on[on.size() / 2]) - off_med);
    std::printf("recording on, fresh memory (one round): %.1f ns/task: %.1f ns more than warm\n",
                per_task(fresh), per_task(fresh) - per_task(on[on.size() / 2]));
    return 0;
}
