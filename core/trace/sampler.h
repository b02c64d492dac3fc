// The resource sampler: a thread that reads /proc every interval (default 50 ms) and appends a
// ResourceSample to the run's recorder: process CPU % (user, system), each core's busy %, RSS,
// and storage read/write bytes. It owns its thread; stop() (or the destructor) joins it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "core/trace/recorder.h"

namespace cs::trace {

// Raw counters of one /proc reading.
struct ProcCounters {
    double user_s = 0, system_s = 0;  // process CPU seconds
    std::uint64_t rss_bytes = 0;
    std::uint64_t read_bytes = 0, write_bytes = 0;     // /proc/self/io (storage layer)
    std::vector<std::uint64_t> core_busy, core_total;  // /proc/stat jiffies per core
};
// Reads /proc; fields it cannot read stay 0 (no error: sampling is best effort).
ProcCounters read_proc_counters();
// Peak resident set size of this process so far (VmHWM), in bytes.
std::uint64_t peak_rss_bytes();

class ResourceSampler {
public:
    // interval_ms == 0: start() does nothing.
    ResourceSampler(TraceRecorder& recorder, std::uint32_t interval_ms);
    ~ResourceSampler();
    ResourceSampler(const ResourceSampler&) = delete;
    ResourceSampler& operator=(const ResourceSampler&) = delete;

    void start();
    // Takes a last sample and joins the thread.
    void stop();

private:
    void loop();
    void sample(const ProcCounters& now, std::int64_t t_ns);

    TraceRecorder& recorder_;
    std::uint32_t interval_ms_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    ProcCounters base_, last_;
    std::int64_t last_t_ = 0;
};

}  // namespace cs::trace
