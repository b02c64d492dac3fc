#include "core/trace/clock.h"

#include <fstream>
#include <string>

namespace cs::trace {

namespace {

// The kernel trusts the TSC only when it is invariant and synchronised: then so do we.
bool kernel_uses_tsc() {
    std::ifstream f("/sys/devices/system/clocksource/clocksource0/current_clocksource");
    std::string name;
    return f >> name && name == "tsc";
}

TscCalibration calibrate() {
    TscCalibration c;
#if defined(__x86_64__)
    if (!kernel_uses_tsc()) return c;
    const std::int64_t ns0 = steady_ns();
    const std::uint64_t t0 = __rdtsc();
    std::int64_t ns1 = ns0;
    while (ns1 - ns0 < 2'000'000) ns1 = steady_ns();
    const std::uint64_t t1 = __rdtsc();
    if (t1 > t0) {
        c.tsc0 = t0;
        c.ns0 = ns0;
        c.ns_per_tick = static_cast<double>(ns1 - ns0) / static_cast<double>(t1 - t0);
    }
#endif
    return c;
}

}  // namespace

const TscCalibration& tsc_calibration() {
    static const TscCalibration c = calibrate();
    return c;
}

}  // namespace cs::trace
