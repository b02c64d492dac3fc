// Bounded output for decoders. Every decoder writes through this, so a corrupt or hostile stream
// can never make us allocate more than the caller's expected size (or kMaxDecodedSize when the
// size is not known), and a stream that decodes to a different size is a Corrupt error.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/codec/codec.h"

namespace cs {

// For formats whose header states the decoded size (blosc, lz4, zstd): checks the claim before
// anything is allocated.
Result<void> check_claimed_size(std::string_view codec, std::size_t claimed,
                                std::optional<std::size_t> expected);

// "zlib: data decompresses to 10 bytes, expected 40"
Error size_mismatch(std::string_view codec, std::size_t actual, std::size_t expected);

// For streaming decoders (zlib, gzip, bz2, lzma, zstd without a content size): hands out free
// space to decode into. With a known size it allocates exactly that once; past it, it offers a
// one-byte probe so that a stream which still has output is caught as too long. Without a known
// size it grows geometrically up to kMaxDecodedSize.
class DecodeOutput {
public:
    DecodeOutput(std::string_view codec, std::optional<std::size_t> expected,
                 std::size_t input_size);

    // Free space for the decoder to fill; Corrupt once the data would exceed the bound.
    Result<MutableByteSpan> space();
    // The decoder wrote `n` bytes at the start of the last space().
    Result<void> commit(std::size_t n);
    std::size_t size() const { return size_; }
    // The decoded bytes; Corrupt when their size differs from the expected size.
    Result<Bytes> finish() &&;

private:
    Error too_long() const;

    std::string codec_;
    std::optional<std::size_t> expected_;
    Bytes buffer_;
    std::size_t size_ = 0;
    bool probing_ = false;
    std::uint8_t probe_[1] = {0};
};

}  // namespace cs
