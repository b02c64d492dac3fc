#include "ui/jobs/background_jobs.h"

#include <QThread>

namespace cs::ui {

BackgroundJobs::BackgroundJobs(QObject* parent) : QObject(parent) {
    // Two threads: one can open a file while another reads chunks for the visible table.
    pool_.setMaxThreadCount(std::max(2, QThread::idealThreadCount() / 2));
}

BackgroundJobs::~BackgroundJobs() {
    shutdown();
}

void BackgroundJobs::shutdown() {
    pool_.waitForDone();
}

void BackgroundJobs::setBusy(int delta) {
    const bool was = pending_ > 0;
    pending_ += delta;
    if (was != (pending_ > 0)) emit busyChanged(pending_ > 0);
}

}  // namespace cs::ui
