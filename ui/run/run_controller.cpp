#include "ui/run/run_controller.h"

#include <QTimer>

namespace cs::ui {

RunController::RunController(QObject* parent) : QObject(parent), timer_(new QTimer(this)) {
    // 12.5 Hz: live enough to watch, and each refresh costs the GUI thread a few ms of CPU
    // that a run using every core pays for (bench/README.md, live_view_bench).
    timer_->setInterval(80);
    connect(timer_, &QTimer::timeout, this, &RunController::poll);
}

RunController::~RunController() {
    if (run_) run_->cancel();  // ~Run joins; cancelled tasks stop within one task's time
}

void RunController::setRefreshIntervalMs(int ms) {
    timer_->setInterval(std::max(10, ms));
}

quint64 RunController::start(PreparedRun prepared, const QString& name) {
    if (run_) {
        run_->cancel();
        run_.reset();
    }
    ++generation_;
    prepared_ = std::move(prepared);
    name_ = name;
    run_ = engine::Run::start(prepared_.plan, prepared_.settings);
    timer_->start();
    return generation_;
}

void RunController::cancel() {
    if (run_) run_->cancel();
}

void RunController::poll() {
    if (!run_) {
        timer_->stop();
        return;
    }
    const quint64 gen = generation_;
    if (!run_->finished()) {
        emit snapshotReady(gen, run_->snapshot());
        return;
    }
    timer_->stop();
    const Result<void> status = run_->wait();  // finished: returns at once
    const trace::Snapshot last = run_->snapshot();
    run_.reset();
    prepared_.target.reset();  // closes the copy's target (HDF5 flushes here)
    prepared_.plan.reset();
    const QString error = status ? QString() : QString::fromStdString(status.error().message);
    emit snapshotReady(gen, last);
    emit runFinished(gen, name_, last, error);
}

}  // namespace cs::ui
