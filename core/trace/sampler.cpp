#include "core/trace/sampler.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace cs::trace {

ProcCounters read_proc_counters() {
    ProcCounters c;
    static const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    static const std::uint64_t page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    {
        std::ifstream f("/proc/self/stat");
        std::string line;
        std::getline(f, line);
        // The command name may contain spaces: fields are counted after its closing ')'.
        const auto close = line.rfind(')');
        if (close != std::string::npos) {
            std::istringstream in(line.substr(close + 2));
            std::string field;
            // Fields 3.. of proc(5); utime and stime are fields 14 and 15.
            for (int i = 3; i <= 15 && in >> field; ++i) {
                if (i == 14) c.user_s = std::stod(field) / ticks;
                if (i == 15) c.system_s = std::stod(field) / ticks;
            }
        }
    }
    {
        std::ifstream f("/proc/self/statm");
        std::uint64_t size = 0, resident = 0;
        if (f >> size >> resident) c.rss_bytes = resident * page;
    }
    {
        std::ifstream f("/proc/self/io");
        std::string key;
        std::uint64_t value = 0;
        while (f >> key >> value) {
            if (key == "read_bytes:") c.read_bytes = value;
            if (key == "write_bytes:") c.write_bytes = value;
        }
    }
    {
        std::ifstream f("/proc/stat");
        std::string line;
        while (std::getline(f, line)) {
            if (line.rfind("cpu", 0) != 0) break;
            if (line.size() > 3 && line[3] == ' ') continue;  // the all-cores line
            std::istringstream in(line);
            std::string name;
            in >> name;
            std::uint64_t v[8] = {};
            for (auto& x : v) in >> x;
            // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
            std::uint64_t total = 0;
            for (auto x : v) total += x;
            c.core_total.push_back(total);
            c.core_busy.push_back(total - v[3] - v[4]);
        }
    }
    return c;
}

std::uint64_t peak_rss_bytes() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
    }
    return 0;
}

ResourceSampler::ResourceSampler(TraceRecorder& recorder, std::uint32_t interval_ms)
    : recorder_(recorder), interval_ms_(interval_ms) {}

ResourceSampler::~ResourceSampler() {
    stop();
}

void ResourceSampler::start() {
    if (interval_ms_ == 0 || thread_.joinable()) return;
    // The first counters are read on the sampler's thread (reading /proc takes ~0.2 ms), so the
    // run's first tasks start without waiting for them. Only that thread uses them.
    thread_ = std::thread([this] {
        base_ = last_ = read_proc_counters();
        last_t_ = recorder_.now();
        loop();
    });
}

void ResourceSampler::stop() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ResourceSampler::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        const bool stopping =
            wake_.wait_for(lock, std::chrono::milliseconds(interval_ms_), [this] { return stop_; });
        lock.unlock();
        sample(read_proc_counters(), recorder_.now());
        lock.lock();
        if (stopping) return;
    }
}

void ResourceSampler::sample(const ProcCounters& now, std::int64_t t_ns) {
    const double dt = static_cast<double>(t_ns - last_t_) / 1e9;
    ResourceSample s;
    s.t_ns = t_ns;
    if (dt > 0) {
        s.cpu_user_pct = 100.0 * (now.user_s - last_.user_s) / dt;
        s.cpu_system_pct = 100.0 * (now.system_s - last_.system_s) / dt;
    }
    s.rss_bytes = now.rss_bytes;
    s.read_bytes = now.read_bytes >= base_.read_bytes ? now.read_bytes - base_.read_bytes : 0;
    s.write_bytes = now.write_bytes >= base_.write_bytes ? now.write_bytes - base_.write_bytes : 0;
    for (std::size_t i = 0; i < now.core_total.size() && i < last_.core_total.size(); ++i) {
        const auto total = now.core_total[i] - last_.core_total[i];
        const auto busy = now.core_busy[i] - last_.core_busy[i];
        s.core_busy_pct.push_back(
            total ? 100.0f * static_cast<float>(busy) / static_cast<float>(total) : 0.0f);
    }
    recorder_.add_sample(s);
    last_ = now;
    last_t_ = t_ns;
}

}  // namespace cs::trace
