#include "core/codec/blosc_blocks.h"

#include <lz4.h>
#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <limits>
#include <string>

#include "core/codec/byte_shuffle.h"

namespace cs {
namespace {

constexpr std::size_t kHeaderBytes = 16;
constexpr std::uint8_t kFormatVersion = 2;  // what c-blosc 1.x writes
constexpr std::uint8_t kShuffle = 0x01, kMemcpyed = 0x02, kBitShuffle = 0x04, kDelta = 0x08,
                       kDontSplit = 0x10;
// c-blosc splits a block into one stream per byte of the item only for items of at most 16
// bytes and blocks of at least 128 items, and never the last, partial block.
constexpr std::size_t kMaxSplits = 16, kMinSplitItems = 128;
constexpr std::size_t kMaxKeptScratch = std::size_t{4} << 20;

std::uint32_t load_u32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

// A non-negative int32 field, or nullopt.
std::optional<std::size_t> load_size(const std::uint8_t* p) {
    const std::uint32_t v = load_u32(p);
    if (v > static_cast<std::uint32_t>(std::numeric_limits<std::int32_t>::max()))
        return std::nullopt;
    return v;
}

Error corrupt_block(std::size_t k, std::size_t blocks, const std::string& why) {
    return Error{ErrorCode::Corrupt, "blosc: block " + std::to_string(k) + " of " +
                                         std::to_string(blocks) + " is corrupt: " + why};
}

// One per thread: creating a zstd context per stream would cost more than a small stream.
ZSTD_DCtx* thread_zstd_context() {
    struct Holder {
        ZSTD_DCtx* ctx = ZSTD_createDCtx();
        ~Holder() { ZSTD_freeDCtx(ctx); }
    };
    thread_local Holder holder;
    return holder.ctx;
}

}  // namespace

std::optional<BloscBlockDecoder> BloscBlockDecoder::open(ByteSpan frame) {
    if (frame.size() < kHeaderBytes) return std::nullopt;
    const std::uint8_t* h = frame.data();
    const std::uint8_t flags = h[2];
    const std::size_t typesize = h[3];
    const auto nbytes = load_size(h + 4), blocksize = load_size(h + 8), cbytes = load_size(h + 12);
    if (h[0] != kFormatVersion || !nbytes || !blocksize || !cbytes || *cbytes > frame.size() ||
        *cbytes < kHeaderBytes || *nbytes == 0 || *blocksize == 0 || typesize == 0)
        return std::nullopt;
    if (flags & (kBitShuffle | kDelta)) return std::nullopt;

    BloscBlockDecoder d;
    d.frame_ = frame.first(*cbytes);
    d.nbytes_ = *nbytes;
    d.blocksize_ = std::min(*blocksize, *nbytes);
    d.blocks_ = (d.nbytes_ + d.blocksize_ - 1) / d.blocksize_;
    d.typesize_ = typesize;
    d.memcpyed_ = flags & kMemcpyed;
    if (d.memcpyed_) {
        if (*cbytes != kHeaderBytes + d.nbytes_) return std::nullopt;
        return d;
    }
    switch (flags >> 5) {
        case 1:
            d.format_ = Format::Lz4;
            break;
        case 3:
            d.format_ = Format::Zlib;
            break;
        case 4:
            d.format_ = Format::Zstd;
            break;
        default:  // blosclz and snappy: c-blosc's own
            return std::nullopt;
    }
    // The block starts must fit in the frame, and every block must start after them.
    const std::size_t starts_end = kHeaderBytes + 4 * d.blocks_;
    if (d.blocksize_ != *blocksize || starts_end > *cbytes) return std::nullopt;
    for (std::size_t k = 0; k < d.blocks_; ++k) {
        const auto start = load_size(h + kHeaderBytes + 4 * k);
        if (!start || *start < starts_end || *start >= *cbytes) return std::nullopt;
    }
    d.split_ = !(flags & kDontSplit) && typesize <= kMaxSplits &&
               d.blocksize_ / typesize >= kMinSplitItems;
    d.shuffled_ = (flags & kShuffle) && typesize > 1;
    return d;
}

Result<void> BloscBlockDecoder::decode_block(std::size_t k, std::uint8_t* out) const {
    const std::size_t bytes = block_bytes(k);
    if (memcpyed_) {
        std::memcpy(out, frame_.data() + kHeaderBytes + k * blocksize_, bytes);
        return {};
    }
    const bool partial = bytes != blocksize_;
    const std::size_t streams = split_ && !partial ? typesize_ : 1;
    const std::size_t stream_bytes = bytes / streams;
    // A shuffled block decodes into a scratch block of its worker, then unshuffles into `out`.
    thread_local Bytes scratch;
    std::uint8_t* decoded = out;
    if (shuffled_) {
        if (scratch.size() < bytes) scratch.resize(bytes);
        decoded = scratch.data();
    }
    std::size_t at = *load_size(frame_.data() + kHeaderBytes + 4 * k);  // checked by open()
    for (std::size_t j = 0; j < streams; ++j) {
        if (frame_.size() - at < 4)
            return fail(corrupt_block(k, blocks_, "a stream length lies past the frame's end"));
        const auto size = load_size(frame_.data() + at);
        at += 4;
        if (!size || *size > frame_.size() - at)
            return fail(corrupt_block(k, blocks_, "a stream runs past the frame's end"));
        const std::uint8_t* src = frame_.data() + at;
        std::uint8_t* dst = decoded + j * stream_bytes;
        if (*size == stream_bytes) {
            std::memcpy(dst, src, stream_bytes);
        } else if (auto r = decode_stream(src, *size, dst, stream_bytes); !r) {
            return fail(corrupt_block(k, blocks_, r.error().message));
        }
        at += *size;
    }
    if (shuffled_) {
        unshuffle_bytes(decoded, out, bytes, typesize_);
        // Blocks are 1 MiB at most unless a frame asked for more: such a scratch is let go.
        if (scratch.capacity() > kMaxKeptScratch) Bytes().swap(scratch);
    }
    return {};
}

Result<void> BloscBlockDecoder::decode_stream(const std::uint8_t* src, std::size_t size,
                                              std::uint8_t* out, std::size_t expected) const {
    const auto wrong_size = [&](std::size_t got) {
        return fail(ErrorCode::Corrupt, "a stream decodes to " + std::to_string(got) +
                                            " bytes, not " + std::to_string(expected));
    };
    switch (format_) {
        case Format::Lz4: {
            const int got = LZ4_decompress_safe(reinterpret_cast<const char*>(src),
                                                reinterpret_cast<char*>(out),
                                                static_cast<int>(size), static_cast<int>(expected));
            if (got < 0) return fail(ErrorCode::Corrupt, "lz4 cannot decode a stream");
            if (static_cast<std::size_t>(got) != expected)
                return wrong_size(static_cast<std::size_t>(got));
            return {};
        }
        case Format::Zlib: {
            uLongf got = expected;
            const int rc = uncompress(out, &got, src, size);
            if (rc != Z_OK)
                return fail(ErrorCode::Corrupt,
                            std::string("zlib cannot decode a stream: ") + zError(rc));
            if (got != expected) return wrong_size(got);
            return {};
        }
        case Format::Zstd: {
            ZSTD_DCtx* ctx = thread_zstd_context();
            if (!ctx) return fail(ErrorCode::Internal, "zstd: cannot create a context");
            const std::size_t got = ZSTD_decompressDCtx(ctx, out, expected, src, size);
            if (ZSTD_isError(got))
                return fail(ErrorCode::Corrupt,
                            std::string("zstd cannot decode a stream: ") + ZSTD_getErrorName(got));
            if (got != expected) return wrong_size(got);
            return {};
        }
    }
    return fail(ErrorCode::Internal, "blosc: unknown stream format");
}

}  // namespace cs
