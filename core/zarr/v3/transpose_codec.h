// `transpose`: stores the chunk with its axes permuted, numpy.transpose(chunk, order).
#pragma once

#include <memory>
#include <vector>

#include "core/zarr/v3/codec_v3.h"

namespace cs::zarr3 {

class TransposeCodec final : public ArrayToArrayCodec {
public:
    // `config`: {"order": [permutation]} (or the legacy "C"/"F" words); `rank` of the chunk.
    static Result<std::unique_ptr<TransposeCodec>> from_config(const Json& config,
                                                               std::size_t rank);
    explicit TransposeCodec(std::vector<std::size_t> order) : order_(std::move(order)) {}

    Json to_json() const override;
    Shape encoded_shape(const Shape& decoded_shape) const override;
    Result<Bytes> encode(Bytes elements, const Shape& decoded_shape,
                         std::size_t itemsize) const override;
    Result<Bytes> decode(Bytes elements, const Shape& decoded_shape,
                         std::size_t itemsize) const override;

private:
    std::vector<std::size_t> order_;  // encoded axis i is decoded axis order_[i]
};

}  // namespace cs::zarr3
