#include "core/hdf5/hdf5_lock.h"

#include <chrono>

namespace cs {

std::recursive_mutex& hdf5_mutex() {
    static std::recursive_mutex mutex;
    return mutex;
}

Hdf5LockGuard::Hdf5LockGuard(ReadStats* stats) : lock_(hdf5_mutex(), std::defer_lock) {
    // The uncontended case is the common one: do not read the clock when try_lock succeeds.
    if (!lock_.try_lock()) {
        const auto start = std::chrono::steady_clock::now();
        lock_.lock();
        waited_ns_ =
            static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                           std::chrono::steady_clock::now() - start)
                                           .count());
    }
    if (stats) stats->lock_wait_ns += waited_ns_;
}

Hdf5LockGuard::~Hdf5LockGuard() = default;

}  // namespace cs
