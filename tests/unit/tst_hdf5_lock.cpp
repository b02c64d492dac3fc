// The process-wide HDF5 lock: the wait of a blocked guard is measured and added to the read's
// stats (the "lock wait" phase); an uncontended guard reports none; the lock is re-entrant.
#include <QtTest>

#include <atomic>
#include <thread>

#include "core/hdf5/hdf5_lock.h"

using namespace cs;

class TestHdf5Lock : public QObject {
    Q_OBJECT
private slots:
    void uncontendedGuardReportsNoWait() {
        ReadStats stats;
        { Hdf5LockGuard guard(&stats); }
        QCOMPARE(stats.lock_wait_ns, std::uint64_t{0});
    }

    void guardIsReentrant() {
        Hdf5LockGuard outer;
        ReadStats stats;
        Hdf5LockGuard inner(&stats);  // would deadlock with a plain mutex
        QCOMPARE(stats.lock_wait_ns, std::uint64_t{0});
    }

    void blockedGuardRecordsItsWait() {
        std::atomic<bool> held{false};
        std::atomic<bool> release{false};
        std::thread holder([&] {
            Hdf5LockGuard guard;
            held = true;
            while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        });
        while (!held) std::this_thread::yield();
        ReadStats stats;
        std::thread waiter([&] { Hdf5LockGuard guard(&stats); });
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        release = true;
        waiter.join();
        holder.join();
        QVERIFY(stats.lock_wait_ns > 0);
        // Accumulates across guards of the same task.
        const std::uint64_t first = stats.lock_wait_ns;
        { Hdf5LockGuard again(&stats); }
        QCOMPARE(stats.lock_wait_ns, first);
    }
};

QTEST_GUILESS_MAIN(TestHdf5Lock)
#include "tst_hdf5_lock.moc"
