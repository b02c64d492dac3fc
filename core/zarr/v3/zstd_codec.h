// `zstd` with the v3 `checksum` option, on libzstd directly: the numcodecs codec has no
// checksum setting, and frames written by other tools may omit the content size.
#pragma once

#include "core/zarr/v3/codec_v3.h"

namespace cs::zarr3 {

class ZstdCodec final : public BytesToBytesCodec {
public:
    static Result<std::unique_ptr<ZstdCodec>> from_config(const Json& config);
    ZstdCodec(int level, bool checksum) : level_(level), checksum_(checksum) {}

    Json to_json() const override;
    Result<Bytes> encode(Bytes input) const override;
    Result<Bytes> decode(Bytes input, std::optional<std::size_t> expected_size) const override;

private:
    int level_;
    bool checksum_;
};

}  // namespace cs::zarr3
