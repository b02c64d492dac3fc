#include "core/engine/executor.h"

#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>

#include "core/engine/task_context.h"
#include "core/trace/sampler.h"
#include "core/trace/task_timer.h"

namespace cs::engine {

std::uint32_t hardware_threads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

std::uint32_t run_threads(std::uint32_t requested) {
    return std::clamp<std::uint32_t>(requested, 1, hardware_threads());
}

namespace {

// oneTBB starts lazily: the first arena of a process loads tbbmalloc, looks for its resource
// manager library and starts the worker threads, 1.5-1.9 ms on the development machine before
// the first task could begin. Done here, once per process and before a run's clock starts, the
// run's time and its Gantt chart hold the run's own work only; the workers then wait in oneTBB's
// pool between runs, as they did after the first run before.
void start_workers(std::uint32_t threads) {
    static std::mutex mutex;
    static std::uint32_t started = 1;  // the calling thread needs no starting
    std::lock_guard lock(mutex);
    if (threads <= started) return;
    tbb::task_arena arena(static_cast<int>(threads));
    // One task per thread, each waiting (at most 50 ms) until every thread has taken one: that
    // holds only once the workers are running.
    std::atomic<std::uint32_t> arrived{0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
    arena.execute([&] {
        tbb::task_group group;
        for (std::uint32_t i = 0; i < threads; ++i) {
            group.run([&] {
                arrived.fetch_add(1);
                while (arrived.load() < threads && std::chrono::steady_clock::now() < deadline)
                    std::this_thread::yield();
            });
        }
        group.wait();
    });
    started = threads;
}

}  // namespace

Run::Run(std::shared_ptr<Plan> plan, trace::RunSettings settings)
    : plan_(std::move(plan)), settings_(std::move(settings)) {
    settings_.threads = run_threads(settings_.threads);
    start_workers(settings_.threads);
    if (settings_.operation.empty()) settings_.operation = plan_->description;
    recorder_ =
        std::make_unique<trace::TraceRecorder>(settings_, plan_->graph(), settings_.threads);
    recorder_->set_metadata(plan_->metadata);
}

std::unique_ptr<Run> Run::start(std::shared_ptr<Plan> plan, trace::RunSettings settings) {
    std::unique_ptr<Run> run(new Run(std::move(plan), std::move(settings)));
    run->thread_ = std::thread([r = run.get()] { r->execute(); });
    return run;
}

Run::~Run() {
    if (thread_.joinable()) {
        cancel();
        thread_.join();
    }
}

Result<void> Run::wait() {
    if (thread_.joinable()) thread_.join();
    return result_;
}

namespace {

// Shared state of one execution, visible to every task.
struct Execution {
    const Plan& plan;
    trace::TraceRecorder& recorder;
    std::atomic<bool>& cancel;
    std::mutex* storage_lock;
    tbb::task_group& group;
    std::unique_ptr<std::atomic<std::uint32_t>[]> pending;  // producers not yet done, per task
    std::atomic<bool> failed{false};
    std::mutex error_mutex;
    Error error;

    void run_task(std::uint32_t id) {
        if (failed.load(std::memory_order_relaxed) || cancel.load(std::memory_order_relaxed))
            return;
        const int slot = tbb::this_task_arena::current_thread_index();
        const auto lane = static_cast<std::uint32_t>(slot < 0 ? 0 : slot) % recorder.lane_count();
        const auto& node = plan.graph()->nodes[id];
        trace::TaskTimer timer(recorder, lane, id, node.kind, node.coords);
        TaskContext ctx(timer, storage_lock, cancel);
        Result<void> r = plan.body(id)(ctx);
        timer.finish(!r.has_value());
        if (!r) {
            std::lock_guard lock(error_mutex);
            if (!failed.exchange(true)) error = r.error();
            return;
        }
        for (std::uint32_t next : plan.successors(id)) {
            if (pending[next].fetch_sub(1, std::memory_order_acq_rel) == 1)
                group.run([this, next] { run_task(next); });
        }
    }
};

}  // namespace

void Run::execute() {
    // The clock starts on the run's own thread: starting that thread (~0.15 ms) is not the run's
    // work. A snapshot taken before this reads "not started".
    recorder_->start();
    std::mutex storage_lock;
    tbb::task_arena arena(static_cast<int>(settings_.threads));
    tbb::task_group group;
    Execution ex{*plan_,  *recorder_,
                 cancel_, settings_.storage_lock ? &storage_lock : nullptr,
                 group,   std::make_unique<std::atomic<std::uint32_t>[]>(plan_->size())};
    trace::ResourceSampler sampler(*recorder_, settings_.sample_interval_ms);
    sampler.start();
    arena.execute([&] {
        group.run([&] {
            for (std::uint32_t id = 0; id < plan_->size(); ++id)
                ex.pending[id].store(plan_->predecessor_count(id), std::memory_order_relaxed);
            for (std::uint32_t id = 0; id < plan_->size(); ++id)
                if (plan_->predecessor_count(id) == 0) group.run([&ex, id] { ex.run_task(id); });
        });
        group.wait();
    });
    sampler.stop();
    if (ex.failed.load()) {
        result_ = fail(ex.error);
        recorder_->finish(trace::RunStatus::Failed, ex.error.describe());
    } else if (cancel_.load()) {
        result_ = fail(ErrorCode::Cancelled, "run cancelled: " + plan_->description);
        recorder_->finish(trace::RunStatus::Cancelled);
    } else {
        result_ = {};
        recorder_->finish(trace::RunStatus::Finished);
    }
    done_.store(true);
}

RunOutcome run_plan(std::shared_ptr<Plan> plan, trace::RunSettings settings,
                    const std::function<void(const trace::Snapshot&)>& on_progress,
                    const std::atomic<bool>* cancel) {
    auto run = Run::start(std::move(plan), std::move(settings));
    while (!run->finished() && (on_progress || cancel)) {
        if (cancel && cancel->load()) run->cancel();
        std::this_thread::sleep_for(std::chrono::milliseconds(on_progress ? 100 : 5));
        if (on_progress) on_progress(run->snapshot());
    }
    RunOutcome out{run->wait(), {}};
    out.trace = run->snapshot();
    return out;
}

}  // namespace cs::engine
