// Zarr format v3: the public entry points. Metadata (metadata.*, data_type.*) is kept apart from
// the codec chain (codec_chain.* and one file per codec) and the array drivers (zarr3_array.*
// for one chunk per key, sharded_array.* for inner chunks of shards), and the hierarchy
// (zarr3_container.*).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/array/chunked_array.h"
#include "core/array/container.h"
#include "core/store/store.h"

namespace cs {

struct Zarr3OpenOptions {
    // For sharded arrays: false (default) makes each inner chunk a ChunkedArray chunk, read by
    // range; true makes each whole shard one chunk (one read and one decode per shard, and
    // whole-shard writes). The engine's per-inner-chunk / per-shard task setting.
    bool shards_as_chunks = false;
};

struct Zarr3CreateOptions {
    Shape shape;
    Shape chunks;  // the chunk shape; with sharding, the shard shape
    DType dtype;
    // The codec chain as written in zarr.json ({"name", "configuration"} objects). Null: one
    // little-endian "bytes" codec. With `inner_chunks`, the chain of the inner chunks.
    Json codecs;
    std::optional<Shape> inner_chunks;  // set: shard with this inner chunk shape
    Json index_codecs;                  // null: bytes(little) + crc32c
    bool index_at_end = true;
    Json fill_value;             // v3 JSON form (0, "NaN", "0x7fc00000", [re, im]); null: zeros
    bool v2_chunk_keys = false;  // chunk_key_encoding "v2" ("0.1") instead of "default" ("c/0/1")
    char separator = 0;          // 0: the encoding's default ('/' for default, '.' for v2)
    std::vector<std::string> dimension_names;
    Json attributes = Json::object();
};

// Opens the array whose zarr.json is at `path` inside `store` ("" when the store is the array).
// Fails when a .zarray sits beside the zarr.json (ambiguous v2/v3 node).
Result<std::unique_ptr<ChunkedArray>> open_zarr_v3_array(std::shared_ptr<Store> store,
                                                         const std::string& path,
                                                         const Zarr3OpenOptions& options = {});

// Writes zarr.json (and group zarr.json for missing parents) and returns the array open for
// writing. Fails if a node exists at `path` unless `overwrite` (which erases its keys first).
Result<std::unique_ptr<ChunkedArray>> create_zarr_v3_array(std::shared_ptr<Store> store,
                                                           const std::string& path,
                                                           const Zarr3CreateOptions& options,
                                                           bool overwrite = false,
                                                           const Zarr3OpenOptions& open = {});

// Writes a group zarr.json at `path` (attributes may be empty).
Result<void> create_zarr_v3_group(std::shared_ptr<Store> store, const std::string& path,
                                  const Json& attributes = Json::object());

// The hierarchy of a Zarr v3 store: explicit and implicit groups, consolidated metadata when the
// root zarr.json carries it. `options` apply to every array the container opens.
Result<std::shared_ptr<Container>> open_zarr_v3_container(std::shared_ptr<Store> store,
                                                          const Zarr3OpenOptions& options = {});

// --- Sharding facts for the chunk map -------------------------------------------------------

struct Zarr3ShardLayout {
    Shape shard_shape;
    Shape inner_chunk_shape;
    Shape shard_grid_shape;  // shards along each axis
    Shape chunks_per_shard;  // inner chunks along each axis of one shard
    bool index_at_end = true;
    bool chunks_are_shards = false;  // the array was opened with shards_as_chunks
};

struct Zarr3ShardStorage {
    ChunkCoords coords;  // shard coordinates
    std::string key;
    bool present = false;
    std::uint64_t stored_bytes = 0;
    std::uint64_t inner_chunks_present = 0;
    std::uint64_t inner_chunks = 0;  // per shard
};

// nullopt when `array` is not a sharded Zarr v3 array.
std::optional<Zarr3ShardLayout> zarr3_shard_layout(const ChunkedArray& array);
// Every shard in C order, reading each present shard's index (by range). InvalidArgument when
// `array` is not a sharded Zarr v3 array.
Result<std::vector<Zarr3ShardStorage>> zarr3_shard_storage(const ChunkedArray& array);

}  // namespace cs
