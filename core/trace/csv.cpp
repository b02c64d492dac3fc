#include "core/trace/csv.h"

#include "core/trace/chrome_trace.h"

namespace cs::trace {

std::string tasks_csv(const Snapshot& run) {
    std::string out = "id,kind,lane,chunk,start_ns,end_ns,duration_ns";
    for (std::size_t p = 0; p < kPhaseCount; ++p) {
        out += ",";
        out += phase_name(static_cast<Phase>(p));
        out += "_ns";
    }
    out += ",bytes_stored_in,bytes_raw_in,bytes_raw_out,bytes_stored_out,failed\n";
    for (const TaskRecord& r : run.all_records()) {
        out += std::to_string(r.id) + "," + task_kind_name(r.kind) + "," + std::to_string(r.lane) +
               ",";
        for (std::size_t i = 0; i < r.rank; ++i) {
            if (i) out += ".";
            out += std::to_string(r.coords[i]);
        }
        out += "," + std::to_string(r.start_ns) + "," + std::to_string(r.end_ns) + "," +
               std::to_string(r.duration_ns());
        for (auto ns : r.phase_ns) out += "," + std::to_string(ns);
        out += "," + std::to_string(r.bytes_stored_in) + "," + std::to_string(r.bytes_raw_in) +
               "," + std::to_string(r.bytes_raw_out) + "," + std::to_string(r.bytes_stored_out) +
               "," + (r.failed ? "1" : "0") + "\n";
    }
    return out;
}

Result<void> write_tasks_csv(const Snapshot& run, const std::string& path) {
    return write_text_file_atomic(path, tasks_csv(run));
}

}  // namespace cs::trace
