// `bytes`: elements to bytes in a fixed byte order ("little" or "big"; optional for one-byte
// types). The only array->bytes codec besides sharding.
#pragma once

#include <memory>

#include "core/zarr/v3/codec_v3.h"

namespace cs::zarr3 {

class BytesCodec final : public ArrayToBytesCodec {
public:
    static Result<std::unique_ptr<BytesCodec>> from_config(const Json& config, const DType& dtype);
    explicit BytesCodec(std::optional<Endian> endian) : endian_(endian) {}

    Json to_json() const override;
    Result<Bytes> encode(Bytes elements, const Shape& shape, const DType& dtype) const override;
    Result<Bytes> decode(Bytes stored, const Shape& shape, const DType& dtype) const override;
    std::optional<std::uint64_t> fixed_encoded_size(const Shape& shape,
                                                    const DType& dtype) const override;

private:
    std::optional<Endian> endian_;  // nullopt: not given (one-byte types)
};

}  // namespace cs::zarr3
