// Runs work off the GUI thread and hands the result back on it. A JobSlot belongs to one consumer
// (a panel, the tree): starting a job there cancels the previous one, and a result whose
// generation is no longer current is dropped, so clicking quickly through arrays never shows a
// stale panel and never blocks the window on I/O.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>

namespace cs::ui {

// What a background job sees: its generation and a flag it polls between chunks.
struct JobTicket {
    std::uint64_t generation = 0;
    std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);

    bool isCancelled() const { return cancelled->load(std::memory_order_relaxed); }
};

class JobSlot {
public:
    // Cancels the job started before and returns the ticket of the new one.
    JobTicket next() {
        cancel();
        current_ = JobTicket{current_.generation + 1, std::make_shared<std::atomic<bool>>(false)};
        return current_;
    }
    bool isCurrent(const JobTicket& ticket) const {
        return ticket.generation == current_.generation && !ticket.isCancelled();
    }
    void cancel() { current_.cancelled->store(true); }

private:
    JobTicket current_;
};

class BackgroundJobs : public QObject {
    Q_OBJECT
public:
    explicit BackgroundJobs(QObject* parent = nullptr);
    ~BackgroundJobs() override;

    // Runs `work()` on the pool, then `done(result)` on `receiver`'s thread. Qt drops the
    // delivery when `receiver` is gone; shutdown() must run before receivers are destroyed
    // while jobs may still be running (the main window does it first thing in its destructor).
    template <class Work, class Done>
    void run(QObject* receiver, Work work, Done done) {
        setBusy(+1);
        pool_.start([this, receiver, work = std::move(work), done = std::move(done)]() mutable {
            auto result = std::make_shared<decltype(work())>(work());
            QMetaObject::invokeMethod(
                receiver, [result, done]() mutable { done(std::move(*result)); },
                Qt::QueuedConnection);
            QMetaObject::invokeMethod(
                this, [this] { setBusy(-1); }, Qt::QueuedConnection);
        });
    }

    bool isBusy() const { return pending_ > 0; }
    // Waits for every running job; their results are still delivered if receivers live.
    void shutdown();

signals:
    void busyChanged(bool busy);

private:
    void setBusy(int delta);

    QThreadPool pool_;
    int pending_ = 0;
};

}  // namespace cs::ui
