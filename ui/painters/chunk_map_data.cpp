#include "ui/painters/chunk_map_data.h"

#include <algorithm>
#include <limits>

namespace cs::ui {

int ChunkMapData::missingCount() const {
    return static_cast<int>(std::count(values.begin(), values.end(), std::nullopt));
}

ChunkMapData buildChunkMap(const ArrayMeta& meta, const std::vector<ChunkStorage>& storage,
                           ChunkMetric metric, int rowAxis, int colAxis,
                           const std::vector<std::uint64_t>& fixed) {
    ChunkMapData map;
    map.metric = metric;
    const ChunkGrid& grid = meta.grid;
    const Shape g = grid.grid_shape();
    const int rank = static_cast<int>(grid.rank());
    if (rank == 0) {
        rowAxis = colAxis = -1;
    } else if (rank == 1) {
        rowAxis = -1;
        colAxis = 0;
    }
    map.rowAxis = rowAxis;
    map.colAxis = colAxis;
    map.rows = rowAxis >= 0 ? static_cast<int>(g[static_cast<std::size_t>(rowAxis)]) : 1;
    map.cols = colAxis >= 0 ? static_cast<int>(g[static_cast<std::size_t>(colAxis)]) : 1;
    const std::size_t cells =
        static_cast<std::size_t>(map.rows) * static_cast<std::size_t>(map.cols);
    map.values.assign(cells, std::nullopt);
    map.storageIndex.assign(cells, -1);
    if (cells == 0 || grid.num_chunks() == 0) return map;

    const double chunkBytes = static_cast<double>(meta.chunk_nbytes());
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    ChunkCoords coords(static_cast<std::size_t>(rank));
    for (int a = 0; a < rank; ++a) {
        const auto axis = static_cast<std::size_t>(a);
        coords[axis] = axis < fixed.size() ? std::min<std::uint64_t>(fixed[axis], g[axis] - 1) : 0;
    }
    for (int r = 0; r < map.rows; ++r) {
        for (int c = 0; c < map.cols; ++c) {
            if (rowAxis >= 0)
                coords[static_cast<std::size_t>(rowAxis)] = static_cast<std::uint64_t>(r);
            if (colAxis >= 0)
                coords[static_cast<std::size_t>(colAxis)] = static_cast<std::uint64_t>(c);
            const std::uint64_t linear = grid.linear_of(coords);
            if (linear >= storage.size()) continue;
            const ChunkStorage& s = storage[linear];
            const std::size_t cell =
                static_cast<std::size_t>(r) * static_cast<std::size_t>(map.cols) +
                static_cast<std::size_t>(c);
            map.storageIndex[cell] = static_cast<int>(linear);
            if (!s.present) continue;
            const double v =
                metric == ChunkMetric::StoredBytes
                    ? static_cast<double>(s.stored_bytes)
                    : (s.stored_bytes ? chunkBytes / static_cast<double>(s.stored_bytes) : 0.0);
            map.values[cell] = v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (lo <= hi) {
        map.minValue = lo;
        map.maxValue = hi;
    }
    return map;
}

}  // namespace cs::ui
