// What the run panel asks for, turned into an engine plan: a copy of the selected array to a
// backend (Zarr with a chosen codec, level and shuffle; HDF5 with gzip/shuffle; in memory), a
// reduction over chosen axes, or bincount. Copies go to a scratch directory the caller owns.
// Plain C++ over core: the widgets fill a RunRequest, the comparison builds several.
#pragma once

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/array/chunked_array.h"
#include "core/engine/ops/reduce.h"
#include "core/engine/plan.h"
#include "core/trace/run_settings.h"
#include "core/util/result.h"

namespace cs::ui {

enum class RunOperation { Copy, Reduce, Bincount, Expression };
enum class CopyBackend {
    ZarrBloscLz4,
    ZarrBloscZlib,
    ZarrBloscZstd,
    ZarrZstd,
    ZarrZlib,
    Hdf5Gzip,
    Memory
};

QString copyBackendName(CopyBackend backend);  // "Zarr blosc-lz4", "HDF5 gzip", "in memory"

struct RunRequest {
    RunOperation operation = RunOperation::Copy;
    // Copy.
    CopyBackend backend = CopyBackend::ZarrBloscLz4;
    int level = 5;        // codec level (blosc clevel, zstd level, gzip/zlib level)
    bool shuffle = true;  // blosc byte shuffle / HDF5 shuffle filter
    // Reduce and bincount.
    std::string reduceOp = "sum";                   // sum, mean, min, max, var, std, count
    std::optional<std::vector<std::int64_t>> axes;  // nullopt: all axes
    std::uint32_t bins = 16;
    // Expression over the selected array, named x (core/engine/expression_parser.h).
    std::string expression;
    // Reduce, bincount and expression: when set, the selected array is first copied to this
    // backend (outside the measured run) and the operation reads the copy, so a comparison
    // shows what the storage layout costs a reduction, not only a copy.
    std::optional<CopyBackend> convertTo;

    trace::RunSettings settings;
};

// Parses "0, 2" / "" (all axes) / "-1" into axes; errors name the text.
Result<std::optional<std::vector<std::int64_t>>> parseAxes(const std::string& text);

struct PreparedRun {
    std::shared_ptr<engine::Plan> plan;
    trace::RunSettings settings;              // with operation, inputs and output filled in
    std::shared_ptr<ChunkedArray> target;     // the copy's target, kept open until the run ends
    std::shared_ptr<ChunkedArray> converted;  // the input converted to `convertTo`, if asked
    // A reduction's (or reducing expression's) result, filled in once the plan has run.
    std::shared_ptr<engine::ReduceResult> result;
};

// True when prepareRun() first converts the array (a reduction, bincount or expression with
// `convertTo` set): that copies the whole array, so the window calls it off the GUI thread.
bool needsConversion(const RunRequest& request);

// `scratchDir`: where a copy's target goes (a new file or store per call, named after `tag`).
// With `convertTo` set this first runs the conversion copy to the end (blocking, untraced);
// `cancel`, when set and raised, stops that conversion within one task's time (the result is
// then a Cancelled error). Any thread.
Result<PreparedRun> prepareRun(std::shared_ptr<const ChunkedArray> source,
                               const RunRequest& request, const std::string& scratchDir,
                               const std::string& tag, const std::atomic<bool>* cancel = nullptr);

}  // namespace cs::ui
