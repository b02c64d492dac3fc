// A Zarr v3 codec chain, built from the "codecs" list of zarr.json for one chunk shape and data
// type: array->array codecs, one array->bytes codec, bytes->bytes codecs. Move-only, immutable,
// thread-safe.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/zarr/v3/codec_v3.h"

namespace cs::zarr3 {

class ShardingCodec;

class CodecChain {
public:
    // `chunk_shape`: the shape the chain encodes (a chunk, a shard, or an inner chunk);
    // `fill`: one element, for inner chunks a shard lacks. Errors name `what`.
    static Result<CodecChain> from_json(const Json& codecs, const DType& dtype,
                                        const Shape& chunk_shape, const std::optional<Bytes>& fill,
                                        std::string_view what);

    // C-order elements (little-endian) of `chunk_shape` -> stored bytes, and back.
    Result<Bytes> encode(Bytes elements) const;
    Result<Bytes> decode(Bytes stored) const;

    Json to_json() const;
    // The stored size when it is fixed by the shape alone (shard indexes).
    std::optional<std::uint64_t> fixed_encoded_size() const;
    // The sharding codec when it is the array->bytes codec, else nullptr.
    const ShardingCodec* sharding() const;
    // True when sharding_indexed is the only codec, so inner chunks can be read by range.
    bool sharding_only() const {
        return sharding() && array_to_array_.empty() && bytes_to_bytes_.empty();
    }
    const Shape& chunk_shape() const { return chunk_shape_; }
    const DType& dtype() const { return dtype_; }

private:
    DType dtype_;
    Shape chunk_shape_;
    std::vector<Shape> shapes_;  // shape entering each array->array codec, then the array->bytes
    std::vector<std::unique_ptr<ArrayToArrayCodec>> array_to_array_;
    std::unique_ptr<ArrayToBytesCodec> array_to_bytes_;
    std::vector<std::unique_ptr<BytesToBytesCodec>> bytes_to_bytes_;
};

}  // namespace cs::zarr3
