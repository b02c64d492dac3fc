// Saved profiles in the Chrome Trace Event JSON format, which Perfetto and chrome://tracing
// open: one "X" event per task on its lane's track with its phases as "X" slices nested inside
// (cat "phase"), "C" counter events for CPU, RSS and I/O, "M" events naming the process and the
// lanes, and under "otherData.chunkscope" the run settings, status, store statistics and task
// graph. import_chrome_trace() reads such a file back into a Snapshot of the finished run, so a
// saved profile reopens exactly (times to the nanosecond: ts/dur are written in microseconds with
// three decimals).
#pragma once

#include <string>
#include <string_view>

#include "core/trace/snapshot.h"
#include "core/util/result.h"

namespace cs::trace {

std::string chrome_trace_json(const Snapshot& run);
// Writes atomically (temporary file + rename). Errors name the path.
Result<void> write_chrome_trace(const Snapshot& run, const std::string& path);

// `what` names the document in errors (a path). Accepts files chunkscope wrote; a foreign
// Chrome trace imports its X events as tasks when they carry no chunkscope arguments.
Result<Snapshot> parse_chrome_trace(std::string_view json, std::string_view what);
Result<Snapshot> import_chrome_trace(const std::string& path);

// Shared by the exporters: writes `text` to `path` through a temporary file and a rename.
Result<void> write_text_file_atomic(const std::string& path, std::string_view text);
Result<std::string> read_text_file(const std::string& path);

}  // namespace cs::trace
