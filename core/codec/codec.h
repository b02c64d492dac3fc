// A codec turns bytes into bytes: numcodecs' compressors (blosc, zlib, gzip, zstd, lz4, bz2,
// lzma) and filters (delta). Each codec is one small file; the registry (registry.cpp) maps the
// numcodecs "id" to a factory. Codecs are immutable after construction and thread-safe: the
// engine decodes many chunks with one codec object at once.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/json/json.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

class Codec {
public:
    virtual ~Codec() = default;

    // The numcodecs id: "blosc", "zlib", "delta", ...
    virtual std::string id() const = 0;
    // The configuration exactly as numcodecs' get_config() returns it (same keys and values), so
    // metadata we write reads in zarr-python and compares equal to what it writes.
    virtual Json config() const = 0;

    virtual Result<Bytes> encode(ByteSpan input) const = 0;
    // `expected_size`: the decoded size when the caller knows it (a chunk's byte size). A codec
    // never allocates more than that, and fails with Corrupt when the stored header claims a
    // different size. Without it, a codec caps what a header may claim (see kMaxDecodedSize).
    virtual Result<Bytes> decode(ByteSpan input,
                                 std::optional<std::size_t> expected_size) const = 0;

    // For filters whose output size follows from the input size (delta with `astype`): the size
    // encode() returns for `decoded_size` input bytes, so a pipeline can pass the codec before it
    // an expected size too. nullopt when it depends on the data, as for every compressor.
    virtual std::optional<std::size_t> encoded_size(std::size_t decoded_size) const {
        (void)decoded_size;
        return std::nullopt;
    }
};

// The most a header may claim when the decoded size is not known beforehand: a corrupt or
// hostile header must not make us allocate gigabytes.
inline constexpr std::size_t kMaxDecodedSize = std::size_t{1} << 31;

// Builds a codec from its numcodecs config ({"id": "blosc", "cname": "lz4", ...}). Unknown ids
// are Unsupported; bad parameters are InvalidArgument; both name the codec.
// `element_size` is the item size of the array the codec sees (numcodecs takes it from the
// buffer: Blosc uses it as typesize and for AUTOSHUFFLE), 1 for plain bytes.
Result<std::unique_ptr<Codec>> make_codec(const Json& config, std::size_t element_size = 1);

// The ids make_codec() knows, sorted.
std::vector<std::string> registered_codec_ids();

}  // namespace cs
