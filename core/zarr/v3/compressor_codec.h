// `blosc` and `gzip`: v3 configurations mapped onto the numcodecs codecs of core/codec, whose
// bytes are the same. v3 blosc spells shuffle as a word and carries typesize explicitly.
#pragma once

#include <memory>

#include "core/codec/codec.h"
#include "core/zarr/v3/codec_v3.h"

namespace cs::zarr3 {

class CompressorCodec final : public BytesToBytesCodec {
public:
    // `name`: "blosc" or "gzip"; `itemsize` of the array (blosc's default typesize).
    static Result<std::unique_ptr<CompressorCodec>> from_config(const std::string& name,
                                                                const Json& config,
                                                                std::size_t itemsize);

    Json to_json() const override { return v3_json_; }
    Result<Bytes> encode(Bytes input) const override;
    Result<Bytes> decode(Bytes input, std::optional<std::size_t> expected_size) const override;

private:
    CompressorCodec(Json v3_json, std::unique_ptr<Codec> codec)
        : v3_json_(std::move(v3_json)), codec_(std::move(codec)) {}
    Json v3_json_;
    std::unique_ptr<Codec> codec_;
};

}  // namespace cs::zarr3
