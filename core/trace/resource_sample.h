// One reading of the process's resource use, taken by the ResourceSampler every interval from
// /proc. CPU percentages are over the interval before `t_ns`; byte counters are cumulative since
// the run started, so a timeline plots their differences as rates.
#pragma once

#include <cstdint>
#include <vector>

namespace cs::trace {

struct ResourceSample {
    std::int64_t t_ns = 0;          // nanoseconds since the run started
    double cpu_user_pct = 0;        // process user time / interval; 100 = one full core
    double cpu_system_pct = 0;      // process system time / interval
    std::uint64_t rss_bytes = 0;    // resident set size
    std::uint64_t read_bytes = 0;   // storage bytes read by the process since the run started
    std::uint64_t write_bytes = 0;  // storage bytes written since the run started
    // Busy share of each core over the interval, 0..100, the whole system (from /proc/stat).
    std::vector<float> core_busy_pct;
};

}  // namespace cs::trace
