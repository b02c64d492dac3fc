// The 2-D cut through an array's chunk grid that the chunk map draws: chunks along two chosen
// axes, the other axes fixed at one chunk index each. Kept apart from the painter so it can be
// tested without pixels.
#pragma once

#include <QString>

#include <optional>
#include <vector>

#include "core/array/chunked_array.h"

namespace cs::ui {

enum class ChunkMetric { StoredBytes, Ratio };

struct ChunkMapData {
    int rows = 0;
    int cols = 0;
    int rowAxis = -1;  // -1 when the array has fewer than 2 axes (a single row)
    int colAxis = -1;  // -1 for a 0-d array (a single cell)
    // Row-major; nullopt for a chunk that was never written (reads as fill value).
    std::vector<std::optional<double>> values;
    std::vector<int> storageIndex;  // per cell: index into the chunk_storage() vector, or -1
    double minValue = 0;
    double maxValue = 0;
    ChunkMetric metric = ChunkMetric::StoredBytes;
    // Sharded Zarr v3 arrays (shard_map_data.h): cells one shard spans along the rows and the
    // columns, where the painter draws shard boundaries; 0 for none along that direction.
    int shardRowSpan = 0;
    int shardColSpan = 0;
    bool cellsAreShards = false;      // the "shards" view: each cell is a whole shard
    std::vector<QString> shardNames;  // per cell: its shard ("1.0"); empty when not sharded
    // Per cell, for the hover: the inner chunk's coordinates ("5.3") on the inner-chunk map,
    // "3/4 inner chunks" on the shards view.
    std::vector<QString> shardNotes;

    std::optional<double> value(int row, int col) const {
        return values[static_cast<std::size_t>(row) * static_cast<std::size_t>(cols) +
                      static_cast<std::size_t>(col)];
    }
    int missingCount() const;
};

// `fixed` holds a chunk index for every axis (entries for rowAxis / colAxis are ignored).
// A huge grid is not shrunk here: the painter folds cells narrower than a pixel.
ChunkMapData buildChunkMap(const ArrayMeta& meta, const std::vector<ChunkStorage>& storage,
                           ChunkMetric metric, int rowAxis, int colAxis,
                           const std::vector<std::uint64_t>& fixed);

}  // namespace cs::ui
