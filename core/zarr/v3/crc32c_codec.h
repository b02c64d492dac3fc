// `crc32c`: appends the CRC-32C of the data, little-endian; decoding verifies and strips it.
#pragma once

#include "core/zarr/v3/codec_v3.h"

namespace cs::zarr3 {

class Crc32cCodec final : public BytesToBytesCodec {
public:
    Json to_json() const override { return named_config("crc32c", Json()); }
    Result<Bytes> encode(Bytes input) const override;
    Result<Bytes> decode(Bytes input, std::optional<std::size_t> expected_size) const override;
    std::optional<std::uint64_t> fixed_overhead() const override { return 4; }
};

}  // namespace cs::zarr3
