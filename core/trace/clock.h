// The clock tasks are timed with. steady_clock reads through the vDSO (tens of ns, no syscall);
// every time in core/trace is nanoseconds since the run started.
#pragma once

#include <chrono>
#include <cstdint>

namespace cs::trace {

inline std::int64_t monotonic_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace cs::trace
