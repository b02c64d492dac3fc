// Runs a plan on a tbb::task_arena of RunSettings::threads workers. A task starts when all its
// producers are done; the first failing task stops the run (tasks not started are skipped), and
// so does cancel(), which is checked before every task: with chunk-sized tasks the run stops
// within one task's time. Every task is recorded (core/trace) and a ResourceSampler runs beside.
//
// Two ways to use it:
//   auto result = run_plan(plan, settings);            // blocking, for the CLI and tests
//   auto run = Run::start(plan, settings);              // background, for the window:
//   run->snapshot() at any rate; run->cancel(); run->wait();
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "core/engine/plan.h"
#include "core/trace/recorder.h"
#include "core/trace/run_settings.h"
#include "core/trace/snapshot.h"
#include "core/util/result.h"

namespace cs::engine {

// Threads the machine offers (std::thread::hardware_concurrency, at least 1).
std::uint32_t hardware_threads();
// The threads a run asked for `requested` gets: 1..hardware_threads(). A planner that sizes its
// tasks by the thread count (chunks per task, auto) uses this too.
std::uint32_t run_threads(std::uint32_t requested);

class Run {
public:
    // Starts the plan on a background thread. settings.threads is clamped to 1..hardware.
    static std::unique_ptr<Run> start(std::shared_ptr<Plan> plan, trace::RunSettings settings);
    ~Run();  // cancels and waits when still running
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    // Any thread, never blocks the workers.
    trace::Snapshot snapshot() const { return recorder_->snapshot(); }
    void cancel() { cancel_.store(true); }
    bool finished() const { return done_.load(); }
    // Blocks until the run ends: its error (Cancelled when cancelled), or success. Call once.
    Result<void> wait();

private:
    Run(std::shared_ptr<Plan> plan, trace::RunSettings settings);
    void execute();

    std::shared_ptr<Plan> plan_;
    trace::RunSettings settings_;
    std::unique_ptr<trace::TraceRecorder> recorder_;
    std::atomic<bool> cancel_{false};
    std::atomic<bool> done_{false};
    Result<void> result_;
    std::thread thread_;
};

struct RunOutcome {
    Result<void> status;
    trace::Snapshot trace;  // the finished run's full trace
};

// Runs the plan to the end on the calling thread's behalf. `on_progress`, when set, is called
// from the calling thread about every 100 ms with a snapshot (for a progress bar).
RunOutcome run_plan(std::shared_ptr<Plan> plan, trace::RunSettings settings,
                    const std::function<void(const trace::Snapshot&)>& on_progress = {},
                    const std::atomic<bool>* cancel = nullptr);

}  // namespace cs::engine
