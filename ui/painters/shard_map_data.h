// Shards on the chunk map (sharded Zarr v3 arrays): the shard boundaries laid over the
// inner-chunk map, and the "shards" view where each cell is one whole shard coloured by the
// shard's stored size. Kept apart from the painter so it can be tested without pixels.
#pragma once

#include <vector>

#include "core/zarr/v3/zarr3.h"
#include "ui/painters/chunk_map_data.h"

namespace cs::ui {

// Marks the shard each cell of an inner-chunk map belongs to and how many cells one shard spans
// along the rows and columns. `fixed` holds the inner-chunk index of every other axis.
void addShardOverlay(ChunkMapData& map, const Zarr3ShardLayout& layout,
                     const std::vector<std::uint64_t>& fixed);

// The map over the shard grid: one cell per shard, coloured by stored size (or ratio to the
// shard's decoded size). `fixed` holds inner-chunk indices, as the axis picker gives them.
ChunkMapData buildShardMap(const ArrayMeta& meta, const Zarr3ShardLayout& layout,
                           const std::vector<Zarr3ShardStorage>& shards, ChunkMetric metric,
                           int rowAxis, int colAxis, const std::vector<std::uint64_t>& fixed);

}  // namespace cs::ui
