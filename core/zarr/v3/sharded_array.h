// A sharded v3 array seen one inner chunk at a time: meta().chunk_shape is the inner chunk
// shape; reading a chunk fetches the shard index (cached) and then only that inner chunk's bytes.
// Writing one inner chunk rewrites its shard (read, replace, write under a lock), which is correct
// but costs a shard per chunk: copy targets should open with shards_as_chunks for whole-shard
// writes.
#pragma once

#include <mutex>

#include "core/zarr/v3/array_base.h"

namespace cs::zarr3 {

class ShardedArray final : public Zarr3ArrayBase {
public:
    ShardedArray(std::shared_ptr<Store> store, std::string path, ArrayMetadata metadata,
                 CodecChain chain);

    Result<std::optional<Bytes>> read_stored_chunk(std::span<const std::uint64_t> coords,
                                                   ReadStats* stats = nullptr) const override;
    Result<std::vector<ChunkStorage>> chunk_storage() const override;
    Result<void> write_stored_chunk(std::span<const std::uint64_t> coords,
                                    ByteSpan stored) override;

private:
    Result<const CodecChain*> chunk_chain(std::span<const std::uint64_t> coords) const override;
    std::string stored_what(std::span<const std::uint64_t> coords) const override;

    struct Place {
        ChunkCoords shard;
        std::uint64_t inner = 0;  // C-order number inside the shard
    };
    Result<Place> place(std::span<const std::uint64_t> coords) const;

    const ShardingCodec& sharding_;
    std::mutex write_mutex_;
};

}  // namespace cs::zarr3
