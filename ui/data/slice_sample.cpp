#include "ui/data/slice_sample.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "ui/data/element_format.h"

namespace cs::ui {

SliceStats computeStats(const std::vector<double>& values) {
    SliceStats s;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0;
    std::uint64_t finite = 0;
    for (double v : values) {
        ++s.count;
        if (std::isnan(v)) {
            ++s.nanCount;
            continue;
        }
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        if (std::isfinite(v)) {
            sum += v;
            ++finite;
        }
    }
    if (lo <= hi) {
        s.min = lo;
        s.max = hi;
    }
    s.mean = finite ? sum / static_cast<double>(finite) : std::nan("");
    return s;
}

SliceSample readSliceSample(const ChunkedArray& array, const SliceSpec& spec, int maxRows,
                            int maxCols, const JobTicket& ticket) {
    SliceSample out;
    const ArrayMeta& meta = array.meta();
    const ChunkGrid& grid = meta.grid;
    out.rows = spec.rows(meta.shape());
    out.cols = spec.cols(meta.shape());
    out.numeric = isNumeric(meta.dtype);
    auto stepFor = [](std::uint64_t n, int limit) -> std::uint64_t {
        if (limit <= 0 || n <= static_cast<std::uint64_t>(limit)) return 1;
        return (n + static_cast<std::uint64_t>(limit) - 1) / static_cast<std::uint64_t>(limit);
    };
    out.rowStep = stepFor(out.rows, maxRows);
    out.colStep = stepFor(out.cols, maxCols);
    out.sampleRows = static_cast<int>((out.rows + out.rowStep - 1) / out.rowStep);
    out.sampleCols = static_cast<int>((out.cols + out.colStep - 1) / out.colStep);
    out.values.assign(
        static_cast<std::size_t>(out.sampleRows) * static_cast<std::size_t>(out.sampleCols),
        std::nan(""));
    if (out.values.empty()) return out;

    // Group sampled cells by the chunk that holds them, then read each chunk once.
    auto chunkAlong = [&](int axis, std::uint64_t i) -> std::uint64_t {
        return axis >= 0 ? i / grid.chunk_shape[static_cast<std::size_t>(axis)] : 0;
    };
    std::map<std::uint64_t, std::vector<int>> rowsByChunk, colsByChunk;
    for (int r = 0; r < out.sampleRows; ++r)
        rowsByChunk[chunkAlong(spec.rowAxis, static_cast<std::uint64_t>(r) * out.rowStep)]
            .push_back(r);
    for (int c = 0; c < out.sampleCols; ++c)
        colsByChunk[chunkAlong(spec.colAxis, static_cast<std::uint64_t>(c) * out.colStep)]
            .push_back(c);

    const std::size_t item = meta.dtype.itemsize;
    for (const auto& [rowChunk, rows] : rowsByChunk) {
        for (const auto& [colChunk, cols] : colsByChunk) {
            if (ticket.isCancelled()) {
                out.error =
                    Error{ErrorCode::Cancelled, array.describe() + ": slice read cancelled"};
                return out;
            }
            const auto first = spec.coords(static_cast<std::uint64_t>(rows.front()) * out.rowStep,
                                           static_cast<std::uint64_t>(cols.front()) * out.colStep);
            ChunkCoords chunk(first.size());
            for (std::size_t a = 0; a < first.size(); ++a)
                chunk[a] = first[a] / grid.chunk_shape[a];
            auto bytes = array.read_chunk(chunk);
            if (!bytes) {
                out.error = bytes.error();
                return out;
            }
            if (!out.numeric) continue;
            for (int r : rows) {
                for (int c : cols) {
                    const auto coords = spec.coords(static_cast<std::uint64_t>(r) * out.rowStep,
                                                    static_cast<std::uint64_t>(c) * out.colStep);
                    std::uint64_t offset = 0;
                    for (std::size_t a = 0; a < coords.size(); ++a)
                        offset = offset * grid.chunk_shape[a] + coords[a] % grid.chunk_shape[a];
                    if ((offset + 1) * item > bytes->size()) continue;
                    out.values[static_cast<std::size_t>(r) *
                                   static_cast<std::size_t>(out.sampleCols) +
                               static_cast<std::size_t>(c)] =
                        elementToDouble(bytes->data() + offset * item, meta.dtype);
                }
            }
        }
    }
    if (out.numeric) out.stats = computeStats(out.values);
    return out;
}

}  // namespace cs::ui
