// `sharding_indexed`: one stored shard holds a grid of inner chunks, each encoded with the inner
// codec chain, plus an index (encoded with the index codecs) at the start or the end. As an
// array->bytes codec it encodes and decodes whole shards; ShardedArray uses the index helpers to
// read single inner chunks by range.
#pragma once

#include <memory>

#include "core/zarr/v3/codec_chain.h"
#include "core/zarr/v3/shard_index.h"

namespace cs::zarr3 {

class ShardingCodec final : public ArrayToBytesCodec {
public:
    static Result<std::unique_ptr<ShardingCodec>> from_config(const Json& config,
                                                              const DType& dtype,
                                                              const Shape& shard_shape,
                                                              const std::optional<Bytes>& fill,
                                                              std::string_view what);

    Json to_json() const override;
    Result<Bytes> encode(Bytes elements, const Shape& shape, const DType& dtype) const override;
    Result<Bytes> decode(Bytes stored, const Shape& shape, const DType& dtype) const override;

    const Shape& shard_shape() const { return shard_shape_; }
    const Shape& inner_chunk_shape() const { return inner_.chunk_shape(); }
    // Inner chunks along each axis of one shard.
    const Shape& chunks_per_shard() const { return chunks_per_shard_; }
    std::uint64_t inner_chunks_per_shard() const;
    bool index_at_end() const { return index_at_end_; }
    std::uint64_t index_size() const { return index_size_; }
    const CodecChain& inner() const { return inner_; }

    // Decodes the index bytes and validates it against the shard's size. `what`: the shard key.
    Result<ShardIndex> decode_index(ByteSpan index_bytes, std::uint64_t shard_size,
                                    const std::string& what) const;
    // Assembles a shard from encoded inner chunks (empty Bytes = absent): index + data.
    Result<Bytes> assemble(const std::vector<std::optional<Bytes>>& inner_chunks) const;
    // The encoded inner chunks of a stored shard (nullopt for empty ones).
    Result<std::vector<std::optional<Bytes>>> split(ByteSpan shard, const std::string& what) const;

private:
    ShardingCodec(Shape shard_shape, CodecChain inner, CodecChain index, bool index_at_end,
                  std::uint64_t index_size, std::optional<Bytes> fill);

    Shape shard_shape_;
    Shape chunks_per_shard_;
    CodecChain inner_;
    CodecChain index_;
    bool index_at_end_;
    std::uint64_t index_size_;
    std::optional<Bytes> fill_;
};

}  // namespace cs::zarr3
