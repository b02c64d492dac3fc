// The three kinds of Zarr v3 codec. A chain runs array->array codecs (transpose), then exactly
// one array->bytes codec (bytes, sharding_indexed), then bytes->bytes codecs (blosc, gzip, zstd,
// crc32c). Arrays between codecs are C-order element buffers in the machine's (little-endian)
// order; only the array->bytes codec decides the stored byte order. Codecs are immutable and
// thread-safe. Their errors name the codec; the array adds the chunk key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/array/chunk_grid.h"
#include "core/array/dtype.h"
#include "core/json/json.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs::zarr3 {

class ArrayToArrayCodec {
public:
    virtual ~ArrayToArrayCodec() = default;
    virtual Json to_json() const = 0;
    // Shape of the array this codec hands on, given the array it receives when encoding.
    virtual Shape encoded_shape(const Shape& decoded_shape) const = 0;
    virtual Result<Bytes> encode(Bytes elements, const Shape& decoded_shape,
                                 std::size_t itemsize) const = 0;
    virtual Result<Bytes> decode(Bytes elements, const Shape& decoded_shape,
                                 std::size_t itemsize) const = 0;
};

class ArrayToBytesCodec {
public:
    virtual ~ArrayToBytesCodec() = default;
    virtual Json to_json() const = 0;
    virtual Result<Bytes> encode(Bytes elements, const Shape& shape, const DType& dtype) const = 0;
    virtual Result<Bytes> decode(Bytes stored, const Shape& shape, const DType& dtype) const = 0;
    // The encoded size when it depends on the shape only (shard indexes need it).
    virtual std::optional<std::uint64_t> fixed_encoded_size(const Shape&, const DType&) const {
        return std::nullopt;
    }
};

class BytesToBytesCodec {
public:
    virtual ~BytesToBytesCodec() = default;
    virtual Json to_json() const = 0;
    virtual Result<Bytes> encode(Bytes input) const = 0;
    // `expected_size`: the decoded size when the chain knows it.
    virtual Result<Bytes> decode(Bytes input, std::optional<std::size_t> expected_size) const = 0;
    // Bytes added to any input when that is a constant (crc32c: 4), else nullopt.
    virtual std::optional<std::uint64_t> fixed_overhead() const { return std::nullopt; }
};

// {"name": n, "configuration": c}, or {"name": n} when `configuration` is null.
Json named_config(const char* name, Json configuration);

}  // namespace cs::zarr3
