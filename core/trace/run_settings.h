// How a run was asked for: what the executor does and what a saved profile remembers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cs::trace {

struct RunSettings {
    std::uint32_t threads = 1;              // worker threads in the arena, 1..hardware
    bool storage_lock = false;              // one global mutex around store reads and writes
    std::uint32_t sample_interval_ms = 50;  // resource sampler period; 0 disables sampling
    bool record_tasks = true;  // false: no task records (measures instrumentation cost)
    std::uint32_t fan_in = 8;  // reduction tree: partials merged per combine task
    // Reduction leaves: chunks of one block per task. 0 asks the planner to choose; a prepared
    // run holds the number it chose.
    std::uint32_t chunks_per_task = 1;

    // What ran, for titles and reports: "copy", "bincount(g, 4, axis=(1,2))", ...
    std::string operation;
    std::vector<std::string> inputs;  // locations of the inputs ("x=data/f.zarr")
    std::string output;               // location of the output, empty for none
};

}  // namespace cs::trace
