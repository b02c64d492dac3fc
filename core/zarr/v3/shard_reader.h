// Reads a sharded array's shards by range: the index (cached per shard, thread-safe) and single
// inner chunks, so a read touches only the index and the bytes it needs. Also lists shard
// storage for info() and the chunk map.
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "core/array/chunked_array.h"
#include "core/store/store.h"
#include "core/zarr/v3/metadata.h"
#include "core/zarr/v3/sharding_codec.h"
#include "core/zarr/v3/zarr3.h"

namespace cs::zarr3 {

class ShardReader {
public:
    // `codec` must outlive the reader (both live in the array). `prefix`: the array's key
    // prefix ("" or "path/").
    ShardReader(std::shared_ptr<Store> store, std::string prefix, ChunkKeyEncoding keys,
                ChunkGrid shard_grid, const ShardingCodec& codec);

    std::string shard_key(std::span<const std::uint64_t> shard) const;
    // The shard's index, nullptr when the shard is absent. `bytes_read` adds what was fetched.
    Result<std::shared_ptr<const ShardIndex>> index(std::span<const std::uint64_t> shard,
                                                    std::uint64_t* bytes_read = nullptr) const;
    // One inner chunk's stored bytes (`inner`: its C-order number inside the shard).
    Result<std::optional<Bytes>> read_inner(std::span<const std::uint64_t> shard,
                                            std::uint64_t inner, ReadStats* stats) const;
    // Drops a cached index after the shard was rewritten.
    void forget(std::span<const std::uint64_t> shard) const;

    Result<std::vector<Zarr3ShardStorage>> storage() const;
    Zarr3ShardLayout layout(bool chunks_are_shards) const;
    const ChunkGrid& shard_grid() const { return shard_grid_; }
    const ShardingCodec& codec() const { return codec_; }

private:
    std::shared_ptr<Store> store_;
    std::string prefix_;
    ChunkKeyEncoding keys_;
    ChunkGrid shard_grid_;
    const ShardingCodec& codec_;
    mutable std::mutex mutex_;
    mutable std::map<std::uint64_t, std::shared_ptr<const ShardIndex>> cache_;
};

}  // namespace cs::zarr3
