#include "ui/painters/shard_map_data.h"

#include <QObject>
#include <QStringList>

#include <algorithm>

namespace cs::ui {

namespace {

QString coordsName(const std::vector<std::uint64_t>& coords) {
    QStringList parts;
    for (auto c : coords) parts << QString::number(c);
    return parts.join(QLatin1Char('.'));
}

// The cell's coordinates in the map's grid: `fixed` for every axis but the row and column.
std::vector<std::uint64_t> cellCoords(const ChunkMapData& map, const Shape& grid,
                                      const std::vector<std::uint64_t>& fixed, int r, int c) {
    std::vector<std::uint64_t> coords(grid.size(), 0);
    for (std::size_t a = 0; a < grid.size(); ++a)
        coords[a] = a < fixed.size() && grid[a] > 0 ? std::min(fixed[a], grid[a] - 1) : 0;
    if (map.rowAxis >= 0)
        coords[static_cast<std::size_t>(map.rowAxis)] = static_cast<std::uint64_t>(r);
    if (map.colAxis >= 0)
        coords[static_cast<std::size_t>(map.colAxis)] = static_cast<std::uint64_t>(c);
    return coords;
}

}  // namespace

void addShardOverlay(ChunkMapData& map, const Zarr3ShardLayout& layout,
                     const std::vector<std::uint64_t>& fixed) {
    const Shape& per = layout.chunks_per_shard;
    map.shardRowSpan =
        map.rowAxis >= 0 ? static_cast<int>(per[static_cast<std::size_t>(map.rowAxis)]) : 0;
    map.shardColSpan =
        map.colAxis >= 0 ? static_cast<int>(per[static_cast<std::size_t>(map.colAxis)]) : 0;
    Shape innerGrid(per.size());
    for (std::size_t a = 0; a < per.size(); ++a) innerGrid[a] = layout.shard_grid_shape[a] * per[a];
    map.shardNames.assign(map.values.size(), QString());
    map.shardNotes.assign(map.values.size(), QString());
    for (int r = 0; r < map.rows; ++r)
        for (int c = 0; c < map.cols; ++c) {
            std::vector<std::uint64_t> coords = cellCoords(map, innerGrid, fixed, r, c);
            const std::size_t cell = static_cast<std::size_t>(r) * map.cols + c;
            map.shardNotes[cell] = coordsName(coords);
            for (std::size_t a = 0; a < coords.size(); ++a) coords[a] /= per[a];
            map.shardNames[cell] = coordsName(coords);
        }
}

ChunkMapData buildShardMap(const ArrayMeta& meta, const Zarr3ShardLayout& layout,
                           const std::vector<Zarr3ShardStorage>& shards, ChunkMetric metric,
                           int rowAxis, int colAxis, const std::vector<std::uint64_t>& fixed) {
    ArrayMeta shardMeta = meta;
    shardMeta.grid.chunk_shape = layout.shard_shape;
    std::vector<ChunkStorage> storage;
    storage.reserve(shards.size());
    for (const auto& s : shards)
        storage.push_back(ChunkStorage{.coords = s.coords,
                                       .key = s.key,
                                       .present = s.present,
                                       .stored_bytes = s.stored_bytes});
    std::vector<std::uint64_t> shardFixed(fixed.size());
    for (std::size_t a = 0; a < fixed.size() && a < layout.chunks_per_shard.size(); ++a)
        shardFixed[a] = fixed[a] / layout.chunks_per_shard[a];
    ChunkMapData map = buildChunkMap(shardMeta, storage, metric, rowAxis, colAxis, shardFixed);
    map.cellsAreShards = true;
    map.shardRowSpan = map.rowAxis >= 0 ? 1 : 0;
    map.shardColSpan = map.colAxis >= 0 ? 1 : 0;
    map.shardNames.assign(map.values.size(), QString());
    map.shardNotes.assign(map.values.size(), QString());
    for (std::size_t cell = 0; cell < map.values.size(); ++cell) {
        const int index = map.storageIndex[cell];
        map.storageIndex[cell] = -1;  // shards are not rows of the inner-chunk table
        if (index < 0 || static_cast<std::size_t>(index) >= shards.size()) continue;
        const Zarr3ShardStorage& s = shards[static_cast<std::size_t>(index)];
        map.shardNames[cell] = coordsName(s.coords);
        map.shardNotes[cell] =
            QObject::tr("%1/%2 inner chunks").arg(s.inner_chunks_present).arg(s.inner_chunks);
    }
    return map;
}

}  // namespace cs::ui
