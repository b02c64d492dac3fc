// Writes the shown 2-D slice to a file: CSV (text as the table shows it), .npy (the array's
// exact dtype, rows x columns), or PNG (the heatmap as drawn). Reads through core's
// read_selection, so only the chunks the slice touches are read.
#pragma once

#include <string>

#include "core/array/chunked_array.h"
#include "core/util/result.h"
#include "ui/data/slice_spec.h"
#include "ui/painters/heatmap_painter.h"

namespace cs::ui {

// The slice's elements in C order over (rows, columns) of the slice, and that shape.
struct SliceBytes {
    Shape shape;
    Bytes bytes;
};
Result<SliceBytes> readSliceBytes(const ChunkedArray& array, const SliceSpec& spec);

Result<void> exportSliceCsv(const ChunkedArray& array, const SliceSpec& spec,
                            const std::string& path);
Result<void> exportSliceNpy(const ChunkedArray& array, const SliceSpec& spec,
                            const std::string& path);
Result<void> exportHeatmapPng(const SliceSample& sample, const HeatmapPainter::Options& options,
                              const std::string& path);

}  // namespace cs::ui
