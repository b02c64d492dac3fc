// The clock tasks are timed with: every time in core/trace is nanoseconds since the run started.
// On x86-64 it reads the time-stamp counter (a few ns, no syscall; Linux only picks "tsc" as its
// clocksource when the counter is invariant and synchronised across cores), converted with a
// rate calibrated once per process against steady_clock; elsewhere steady_clock itself.
#pragma once

#include <chrono>
#include <cstdint>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace cs::trace {

inline std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct TscCalibration {
    std::uint64_t tsc0 = 0;
    std::int64_t ns0 = 0;
    double ns_per_tick = 0;  // 0: the counter is not usable, use steady_clock
};
// Measured on first use (about 2 ms).
const TscCalibration& tsc_calibration();

inline std::int64_t monotonic_ns() {
#if defined(__x86_64__)
    static const TscCalibration& c = tsc_calibration();
    if (c.ns_per_tick > 0)
        return c.ns0 +
               static_cast<std::int64_t>(static_cast<double>(__rdtsc() - c.tsc0) * c.ns_per_tick);
#endif
    return steady_ns();
}

}  // namespace cs::trace
