// The values of a 2-D slice as doubles, for the heatmap, the line plot, the statistics and the
// CSV / PNG export. A slice larger than the requested size is sampled on a regular stride, and
// only the chunks holding sampled cells are read. Runs on the background pool; checks the
// ticket between chunks so a new selection stops it early.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/array/chunked_array.h"
#include "ui/data/slice_spec.h"
#include "ui/jobs/background_jobs.h"

namespace cs::ui {

struct SliceStats {
    double min = 0;
    double max = 0;
    double mean = 0;
    std::uint64_t nanCount = 0;
    std::uint64_t count = 0;  // values looked at (finite or not)
};

struct SliceSample {
    std::uint64_t rows = 0;  // full slice extent
    std::uint64_t cols = 0;
    std::uint64_t rowStep = 1;  // sample every rowStep-th row
    std::uint64_t colStep = 1;
    int sampleRows = 0;
    int sampleCols = 0;
    std::vector<double> values;  // sampleRows x sampleCols, row-major; NaN for non-numeric
    bool numeric = true;
    SliceStats stats;
    std::optional<Error> error;

    bool sampled() const { return rowStep > 1 || colStep > 1; }
    double at(int r, int c) const {
        return values[static_cast<std::size_t>(r) * static_cast<std::size_t>(sampleCols) +
                      static_cast<std::size_t>(c)];
    }
};

// maxRows / maxCols: at most this many sampled rows / columns (0: no limit, the full slice).
SliceSample readSliceSample(const ChunkedArray& array, const SliceSpec& spec, int maxRows,
                            int maxCols, const JobTicket& ticket);

SliceStats computeStats(const std::vector<double>& values);

}  // namespace cs::ui
