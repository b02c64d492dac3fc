// Tasks as CSV, one row per finished task in start order: for spreadsheets and pandas.
// Columns: id,kind,lane,chunk,start_ns,end_ns,duration_ns, one <phase>_ns column per phase,
// bytes_stored_in,bytes_raw_in,bytes_raw_out,bytes_stored_out,failed. `chunk` is "3.0.1".
#pragma once

#include <string>

#include "core/trace/snapshot.h"
#include "core/util/result.h"

namespace cs::trace {

std::string tasks_csv(const Snapshot& run);
Result<void> write_tasks_csv(const Snapshot& run, const std::string& path);

}  // namespace cs::trace
