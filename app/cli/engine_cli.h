// What the engine commands (copy, run, bench) share: opening a location as an array, the run
// options (--threads, --lock, --trace, --summary, --no-record), running a plan with a progress
// bar on a terminal, and writing the trace files afterwards.
#pragma once

#include <memory>
#include <string>

#include "app/cli/cli_args.h"
#include "core/array/chunked_array.h"
#include "core/engine/executor.h"
#include "core/location/location.h"

namespace cs::cli {

// The options every engine command accepts, added to `spec`.
void add_run_options(ArgSpec& spec);
Result<trace::RunSettings> run_settings_from(const Args& args);

// --shards-as-chunks: one engine task per Zarr v3 shard instead of per inner chunk.
LocationOptions location_options_from(const Args& args);

// Opens "data/g.zarr/calldata/genotype" or "file.h5/grp/ds" as an array. The array keeps its
// container alive.
Result<std::shared_ptr<ChunkedArray>> open_array_at(const std::string& location,
                                                    const LocationOptions& options = {});

// Runs the plan: a progress bar on stderr when it is a terminal, quiet otherwise; then writes
// --trace (Chrome JSON), --summary (JSON) and --csv when asked. Returns the run's status.
Result<engine::RunOutcome> run_with_progress(std::shared_ptr<engine::Plan> plan,
                                             const trace::RunSettings& settings, const Args& args);

// Zarr's JSON for one fill-value element (native or stored order as `dtype` says).
Json fill_value_json(const std::optional<Bytes>& fill, const DType& dtype);

}  // namespace cs::cli
