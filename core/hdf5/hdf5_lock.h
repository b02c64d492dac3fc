// The one process-wide lock around every HDF5 call. The library (Debian's build is not
// thread-safe, and the C++ API never is) must see one caller at a time; that serialization is
// exactly what chunkscope's users come to see, so every guard measures how long it waited and
// adds it to the task's ReadStats::lock_wait_ns (the "lock wait" phase).
//
// The lock is recursive: a guarded operation may call a helper that guards again, and the
// destructors of H5 objects (which call H5Idec_ref) must also run under it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "core/array/chunked_array.h"

namespace cs {

// The mutex itself, for code outside core/hdf5 that talks to HDF5 (or wants to model the lock).
std::recursive_mutex& hdf5_mutex();

class Hdf5LockGuard {
public:
    // Adds the time spent waiting to stats->lock_wait_ns when stats is given.
    explicit Hdf5LockGuard(ReadStats* stats = nullptr);
    ~Hdf5LockGuard();
    Hdf5LockGuard(const Hdf5LockGuard&) = delete;
    Hdf5LockGuard& operator=(const Hdf5LockGuard&) = delete;

    std::uint64_t waited_ns() const { return waited_ns_; }

private:
    std::unique_lock<std::recursive_mutex> lock_;
    std::uint64_t waited_ns_ = 0;
};

// Deletes an H5 object under the lock: H5 C++ destructors release library ids.
template <class T>
struct Hdf5LockedDelete {
    void operator()(T* p) const {
        Hdf5LockGuard guard;
        delete p;
    }
};

template <class T>
using Hdf5Ptr = std::unique_ptr<T, Hdf5LockedDelete<T>>;

template <class T>
std::shared_ptr<T> make_hdf5_shared(T* p) {
    return std::shared_ptr<T>(p, Hdf5LockedDelete<T>{});
}

}  // namespace cs
