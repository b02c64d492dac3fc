// Times one task on a worker: construct it when the task starts, open a PhaseScope around each
// phase, call finish() at the end. With recording off it reads no clock and only counts the task,
// which is how the instrumentation's own cost is measured.
#pragma once

#include <cstdint>
#include <span>

#include "core/trace/recorder.h"

namespace cs::trace {

class TaskTimer {
public:
    TaskTimer(TraceRecorder& recorder, std::uint32_t lane, std::uint64_t id, TaskKind kind,
              std::span<const std::uint64_t> coords)
        : recorder_(recorder), on_(recorder.recording()) {
        // The record is built here, on the worker's stack (warm memory), and packed into the
        // lane's log when the task finishes (task_log.h).
        record_.id = id;
        record_.kind = kind;
        record_.lane = lane;
        if (on_) {
            record_.set_coords(coords);
            record_.start_ns = last_ = recorder.now();
            recorder.begin_record(lane);
            recorder.task_started(lane, id, kind, record_.start_ns);
        }
    }
    ~TaskTimer() {
        if (on_ && !finished_) recorder_.drop_record(record_.lane);
    }
    TaskTimer(const TaskTimer&) = delete;
    TaskTimer& operator=(const TaskTimer&) = delete;

    // RAII: the phase runs from construction to destruction (or end()).
    class PhaseScope {
    public:
        PhaseScope(TaskTimer& timer, Phase phase) : PhaseScope(timer, phase, timer.now()) {}
        PhaseScope(TaskTimer& timer, Phase phase, std::int64_t start)
            : timer_(&timer), phase_(phase), start_(start) {}
        PhaseScope(const PhaseScope&) = delete;
        PhaseScope& operator=(const PhaseScope&) = delete;
        ~PhaseScope() { end(); }
        void end() {
            if (!timer_) return;
            if (timer_->on_) timer_->record_.add_span(phase_, start_, timer_->now());
            timer_ = nullptr;
        }

    private:
        TaskTimer* timer_;
        Phase phase_;
        std::int64_t start_;
    };
    PhaseScope phase(Phase phase) { return PhaseScope(*this, phase); }
    // A phase that starts where the timer last read the clock (the task's start or the end of
    // the phase before), for a caller that knows nothing ran since: one clock read (~10 ns on
    // the development machine) less, a sixth of a tiny task's recording cost.
    PhaseScope phase_from_last(Phase phase) { return PhaseScope(*this, phase, last_); }

    // A phase measured elsewhere (the HDF5 lock wait reported by a read), placed at `start`.
    void add_phase(Phase phase, std::int64_t start, std::int64_t duration) {
        if (on_ && duration > 0) record_.add_span(phase, start, start + duration);
    }
    std::int64_t now() { return on_ ? (last_ = recorder_.now()) : 0; }
    // The last clock reading (0 with recording off).
    std::int64_t last() const { return last_; }

    void add_stored_in(std::uint64_t n) { record_.bytes_stored_in += n; }
    void add_raw_in(std::uint64_t n) { record_.bytes_raw_in += n; }
    void add_raw_out(std::uint64_t n) { record_.bytes_raw_out += n; }
    void add_stored_out(std::uint64_t n) { record_.bytes_stored_out += n; }

    // Publishes the record; call exactly once.
    void finish(bool failed) {
        record_.failed = failed;
        if (on_) record_.end_ns = now();
        recorder_.add_bytes(record_.lane, record_.bytes_stored_in, record_.bytes_stored_out);
        finished_ = true;
        recorder_.task_finished(record_, /*begun=*/on_);
    }

private:
    TraceRecorder& recorder_;
    bool on_;
    bool finished_ = false;
    std::int64_t last_ = 0;
    TaskRecord record_;
};

}  // namespace cs::trace
