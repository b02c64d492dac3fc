// A v3 array where each chunk of the grid is one stored key: unsharded arrays, and sharded
// arrays opened with shards_as_chunks (one chunk = one whole shard).
#pragma once

#include "core/zarr/v3/array_base.h"

namespace cs::zarr3 {

class Zarr3Array final : public Zarr3ArrayBase {
public:
    using Zarr3ArrayBase::Zarr3ArrayBase;

    Result<std::optional<Bytes>> read_stored_chunk(std::span<const std::uint64_t> coords,
                                                   ReadStats* stats = nullptr) const override;
    Result<std::vector<ChunkStorage>> chunk_storage() const override;
    Result<void> write_stored_chunk(std::span<const std::uint64_t> coords,
                                    ByteSpan stored) override;

private:
    Result<const CodecChain*> chunk_chain(std::span<const std::uint64_t> coords) const override;
    std::string stored_what(std::span<const std::uint64_t> coords) const override {
        return store_->describe_key(key(coords));
    }
    std::string key(std::span<const std::uint64_t> coords) const {
        return prefix() + metadata_.key_encoding.key(coords);
    }
};

}  // namespace cs::zarr3
