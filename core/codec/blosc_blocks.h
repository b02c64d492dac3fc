// A blosc (c-blosc 1, format version 2) frame decoded one block at a time, so a reduction can
// fold each block while it is still in the core's cache and never hold the decoded chunk: an
// allele count over lz4 chunks decodes 2.6 MB per chunk, 20 blocks of 128 KB. c-blosc's own
// block API (blosc_getitem) decodes into a temporary and copies, with a malloc per call.
//
// The frame: a 16-byte header (version, codec version, flags, item size, then little-endian
// int32 decoded size, block size and frame size), an int32 start offset per block, then per block
// one compressed stream, or one per byte of the item ("splits") when the frame was split. Each
// stream is an int32 length and the codec's bytes; a length equal to the stream's decoded size
// means the bytes are stored as they are. A frame flagged "memcpyed" holds the data raw after
// the header.
//
// Only what this decoder handles exactly is taken: lz4 (and lz4hc), zlib and zstd streams,
// byte-shuffled or not. Anything else (blosclz, snappy, bit shuffle), or a header that does not
// add up, is left to c-blosc (open() gives nullopt), which then decodes the whole chunk or
// reports the problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

class BloscBlockDecoder {
public:
    // `frame` must outlive the decoder.
    static std::optional<BloscBlockDecoder> open(ByteSpan frame);

    std::size_t decoded_size() const { return nbytes_; }
    std::size_t block_size() const { return blocksize_; }
    std::size_t block_count() const { return blocks_; }
    // Decoded bytes of block k: block_size(), less for a last, partial block.
    std::size_t block_bytes(std::size_t k) const {
        return k + 1 == blocks_ && nbytes_ % blocksize_ ? nbytes_ % blocksize_ : blocksize_;
    }
    // Writes block k's block_bytes(k) bytes to `out`. Corrupt when a stream does not decode to
    // its size or points outside the frame.
    Result<void> decode_block(std::size_t k, std::uint8_t* out) const;

private:
    enum class Format : std::uint8_t { Lz4, Zlib, Zstd };
    BloscBlockDecoder() = default;
    Result<void> decode_stream(const std::uint8_t* src, std::size_t size, std::uint8_t* out,
                               std::size_t expected) const;

    ByteSpan frame_;  // cut to the frame size the header gives
    std::size_t nbytes_ = 0, blocksize_ = 0, blocks_ = 0, typesize_ = 1;
    bool memcpyed_ = false, split_ = false, shuffled_ = false;
    Format format_ = Format::Lz4;
};

}  // namespace cs
