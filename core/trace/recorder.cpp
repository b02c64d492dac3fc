#include "core/trace/recorder.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace cs::trace {

namespace {
constexpr std::uint64_t kNoTask = ~std::uint64_t{0};
}

// Each lane on its own cache lines: two workers never write to the same line.
struct alignas(64) TraceRecorder::Lane {
    TaskLog log;
    std::atomic<std::uint64_t> running_id{kNoTask};
    std::atomic<std::int64_t> running_start{0};
    std::atomic<std::uint8_t> running_kind{0};
    std::atomic<std::uint64_t> done{0};
    std::atomic<std::uint64_t> bytes_read{0};
    std::atomic<std::uint64_t> bytes_written{0};
    // The lane's thread only: timers begun and not yet finished, and the records of nested
    // tasks that finished while an outer one was open.
    std::uint32_t open = 0;
    std::vector<TaskRecord> pending;

    // Appends the pending records in start order: nested tasks finish before the task they
    // run in, and a lane's log is sorted by start (and so by end) for its readers' searches.
    void flush_pending() {
        std::vector<TaskRecord> records;
        records.swap(pending);  // cleared first: an append that throws appends nothing twice
        std::stable_sort(
            records.begin(), records.end(),
            [](const TaskRecord& a, const TaskRecord& b) { return a.start_ns < b.start_ns; });
        for (const auto& r : records) log.append(r);
    }
};

TraceRecorder::TraceRecorder(RunSettings settings, std::shared_ptr<const TaskGraph> graph,
                             std::uint32_t lanes)
    : settings_(std::move(settings)),
      graph_(graph ? std::move(graph) : std::make_shared<const TaskGraph>()),
      lane_count_(std::max<std::uint32_t>(lanes, 1)),
      lanes_(std::make_unique<Lane[]>(lane_count_)),
      node_states_(std::make_unique<std::atomic<std::uint8_t>[]>(graph_->size())) {
    for (std::size_t i = 0; i < graph_->size(); ++i)
        node_states_[i].store(static_cast<std::uint8_t>(NodeState::Waiting));
    // Each lane's share of the plan's records is allocated here, so no worker allocates a block
    // during the run. The blocks' pages are mapped (2 MiB at a time) as records are written, so
    // reserving more than a lane uses costs nothing, and the cost of the records a run does
    // write is inside its clock; only a large share's first huge page is mapped here (see
    // AppendLog::reserve). Capped so a huge plan does not reserve its whole trace up front.
    if (settings_.record_tasks) {
        constexpr std::size_t kMaxReservedPerLane = (std::size_t{32} << 20) / sizeof(PackedTask);
        // A quarter more than an even share: work stealing rarely splits the tasks evenly.
        const std::size_t share = graph_->size() / lane_count_ * 5 / 4 + kLogBlockSize;
        for (std::uint32_t l = 0; l < lane_count_; ++l)
            lanes_[l].log.reserve(std::min(share, kMaxReservedPerLane));
    }
}

TraceRecorder::~TraceRecorder() = default;

void TraceRecorder::start() {
    // Under the lock: the run's thread starts the clock while the window may be taking a
    // snapshot, which reads these under the same lock.
    std::lock_guard lock(status_mutex_);
    t0_ = monotonic_ns();
    start_unix_ns_ = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    status_ = RunStatus::Running;
}

void TraceRecorder::task_started(std::uint32_t lane, std::uint64_t id, TaskKind kind,
                                 std::int64_t start_ns) {
    Lane& l = lanes_[lane];
    l.running_start.store(start_ns, std::memory_order_relaxed);
    l.running_kind.store(static_cast<std::uint8_t>(kind), std::memory_order_relaxed);
    l.running_id.store(id, std::memory_order_release);
    if (id < graph_->size())
        node_states_[id].store(static_cast<std::uint8_t>(NodeState::Running),
                               std::memory_order_relaxed);
}

void TraceRecorder::begin_record(std::uint32_t lane) {
    ++lanes_[lane].open;
}

void TraceRecorder::drop_record(std::uint32_t lane) {
    Lane& l = lanes_[lane];
    if (l.open > 0 && --l.open == 0) l.flush_pending();
}

void TraceRecorder::task_finished(const TaskRecord& record, bool begun) {
    Lane& l = lanes_[record.lane];
    if (begun && l.open > 0) --l.open;
    if (settings_.record_tasks) {
        if (l.open == 0 && l.pending.empty()) {
            l.log.append(record);  // no nesting: every task of the engine
        } else {
            l.pending.push_back(record);
            if (l.open == 0) l.flush_pending();
        }
    }
    if (record.id < graph_->size())
        node_states_[record.id].store(
            static_cast<std::uint8_t>(record.failed ? NodeState::Failed : NodeState::Done),
            std::memory_order_relaxed);
    l.running_id.store(kNoTask, std::memory_order_release);
    l.done.store(l.done.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

void TraceRecorder::add_bytes(std::uint32_t lane, std::uint64_t read, std::uint64_t written) {
    Lane& l = lanes_[lane];
    // Only this lane's thread writes these: a plain load + store, no read-modify-write.
    if (read)
        l.bytes_read.store(l.bytes_read.load(std::memory_order_relaxed) + read,
                           std::memory_order_relaxed);
    if (written)
        l.bytes_written.store(l.bytes_written.load(std::memory_order_relaxed) + written,
                              std::memory_order_relaxed);
}

void TraceRecorder::add_sample(const ResourceSample& sample) {
    samples_.append(sample);
}

void TraceRecorder::finish(RunStatus status, std::string error) {
    std::lock_guard lock(status_mutex_);
    if (status_ == RunStatus::Finished || status_ == RunStatus::Cancelled ||
        status_ == RunStatus::Failed)
        return;
    status_ = status;
    error_ = std::move(error);
    end_ns_ = now();
}

void TraceRecorder::set_metadata(Json metadata) {
    std::lock_guard lock(status_mutex_);
    metadata_ = std::move(metadata);
}

Snapshot TraceRecorder::snapshot() const {
    Snapshot s;
    s.settings = settings_;
    s.graph = graph_;
    {
        std::lock_guard lock(status_mutex_);
        s.start_unix_ns = start_unix_ns_;
        s.status = status_;
        s.error = error_;
        s.metadata = metadata_;
        s.now_ns = end_ns_ >= 0 ? end_ns_ : (status_ == RunStatus::NotStarted ? 0 : now());
    }
    s.progress.tasks_total = graph_->size();
    s.lanes.reserve(lane_count_);
    for (std::uint32_t i = 0; i < lane_count_; ++i) {
        const Lane& l = lanes_[i];
        s.progress.tasks_done += l.done.load(std::memory_order_acquire);
        s.progress.bytes_read += l.bytes_read.load(std::memory_order_relaxed);
        s.progress.bytes_written += l.bytes_written.load(std::memory_order_relaxed);
        s.lanes.push_back(l.log.view());
        const std::uint64_t id = l.running_id.load(std::memory_order_acquire);
        if (id != kNoTask) {
            s.running.push_back(RunningTask{
                id, static_cast<TaskKind>(l.running_kind.load(std::memory_order_relaxed)), i,
                l.running_start.load(std::memory_order_relaxed)});
        }
    }
    s.node_states.resize(graph_->size());
    for (std::size_t i = 0; i < graph_->size(); ++i)
        s.node_states[i] = static_cast<NodeState>(node_states_[i].load(std::memory_order_relaxed));
    s.samples = samples_.view();
    return s;
}

}  // namespace cs::trace
