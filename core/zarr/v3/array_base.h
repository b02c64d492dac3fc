// What both v3 array drivers share: the store, the parsed zarr.json, the codec chain, info()
// and the shard facts. Zarr3Array maps one chunk to one key; ShardedArray maps one chunk to one
// inner chunk of a shard.
#pragma once

#include <memory>
#include <string>

#include "core/array/chunked_array.h"
#include "core/store/store.h"
#include "core/zarr/v3/codec_chain.h"
#include "core/zarr/v3/metadata.h"
#include "core/zarr/v3/shard_reader.h"

namespace cs::zarr3 {

class Zarr3ArrayBase : public ChunkedArray {
public:
    Zarr3ArrayBase(std::shared_ptr<Store> store, std::string path, ArrayMetadata metadata,
                   CodecChain chain, bool chunks_are_shards);

    const ArrayMeta& meta() const override { return meta_; }
    std::string describe() const override;
    std::vector<InfoField> info() const override;
    bool writable() const override { return true; }
    // Through chunk_chain(), errors in the words of stored_what().
    Result<Bytes> decode_chunk(std::span<const std::uint64_t> coords, Bytes stored) const override;
    Result<Bytes> encode_chunk(std::span<const std::uint64_t> coords,
                               ByteSpan elements) const override;

    const ArrayMetadata& metadata() const { return metadata_; }
    const CodecChain& chain() const { return chain_; }
    // nullptr when the array is not sharded.
    const ShardReader* shards() const { return shards_.get(); }
    bool chunks_are_shards() const { return chunks_are_shards_; }

protected:
    std::string prefix() const { return path_.empty() ? "" : path_ + "/"; }
    std::string chunk_what(std::span<const std::uint64_t> coords) const;
    // InvalidArgument unless `coords` names a chunk of the grid.
    Result<void> check_coords(std::span<const std::uint64_t> coords) const;
    // The chain between one chunk's elements and its stored bytes (the array's own, or the
    // sharding codec's inner chain); errors for coords outside the grid.
    virtual Result<const CodecChain*> chunk_chain(std::span<const std::uint64_t> coords) const = 0;
    // Where a chunk's stored bytes are, for errors: its key, or its shard's and inner number.
    virtual std::string stored_what(std::span<const std::uint64_t> coords) const = 0;

    std::shared_ptr<Store> store_;
    std::string path_;
    ArrayMetadata metadata_;
    CodecChain chain_;
    ArrayMeta meta_;
    std::unique_ptr<ShardReader> shards_;
    bool chunks_are_shards_;
};

}  // namespace cs::zarr3
