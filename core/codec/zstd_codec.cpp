// numcodecs' Zstd: ZSTD_compress() at `level`, one frame that records its content size.
// numcodecs refuses frames without a content size (written by streaming compressors); we decode
// those too, through the streaming API, bounded like every other decoder.
#include <zstd.h>

#include <algorithm>
#include <limits>

#include "core/codec/codec_config.h"
#include "core/codec/codec_factories.h"
#include "core/codec/decode_output.h"

namespace cs {
namespace {

struct DCtx {
    ZSTD_DCtx* ctx = ZSTD_createDCtx();
    ~DCtx() { ZSTD_freeDCtx(ctx); }
};

Error zstd_error(std::size_t code) {
    return Error{ErrorCode::Corrupt,
                 std::string("zstd: data is corrupt: ") + ZSTD_getErrorName(code)};
}

// For frames that do not state their size.
Result<Bytes> decode_streaming(ByteSpan input, std::optional<std::size_t> expected) {
    DCtx dctx;
    if (dctx.ctx == nullptr) return fail(ErrorCode::Internal, "zstd: cannot create a context");
    DecodeOutput out("zstd", expected, input.size());
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    std::size_t hint = 1;
    while (hint != 0 || in.pos < in.size) {
        CS_ASSIGN_OR_RETURN(MutableByteSpan space, out.space());
        ZSTD_outBuffer o{space.data(), space.size(), 0};
        const std::size_t before = in.pos;
        hint = ZSTD_decompressStream(dctx.ctx, &o, &in);
        if (ZSTD_isError(hint)) return fail(zstd_error(hint));
        CS_RETURN_IF_ERROR(out.commit(o.pos));
        if (hint != 0 && in.pos == in.size && before == in.pos && o.pos == 0) {
            return fail(ErrorCode::Corrupt, "zstd: data is truncated after " +
                                                std::to_string(out.size()) + " decoded bytes");
        }
    }
    return std::move(out).finish();
}

// The content sizes of all frames added up (numcodecs writes one frame); UNKNOWN when a frame
// does not state its size, ERROR when the data is not a sequence of whole frames.
unsigned long long total_content_size(ByteSpan input) {
    unsigned long long total = 0;
    std::size_t pos = 0;
    do {
        const unsigned long long size =
            ZSTD_getFrameContentSize(input.data() + pos, input.size() - pos);
        if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) return size;
        const std::size_t frame =
            ZSTD_findFrameCompressedSize(input.data() + pos, input.size() - pos);
        if (ZSTD_isError(frame)) return ZSTD_CONTENTSIZE_ERROR;
        total += size;
        if (total > kMaxDecodedSize) return total;  // too large anyway; avoids overflow
        pos += frame;
    } while (pos < input.size());
    return total;
}

class ZstdCodec final : public Codec {
public:
    explicit ZstdCodec(int level) : level_(level) {}

    std::string id() const override { return "zstd"; }
    Json config() const override { return Json(Json::Object{{"id", "zstd"}, {"level", level_}}); }

    Result<Bytes> encode(ByteSpan input) const override {
        Bytes out;
        out.resize(ZSTD_compressBound(input.size()));
        // numcodecs 0.11 compresses levels below 1 at its default, 1, and caps large ones
        // (negative "fast" levels came in later numcodecs versions).
        const int level = level_ < 1 ? 1 : std::min(level_, ZSTD_maxCLevel());
        const std::size_t n =
            ZSTD_compress(out.data(), out.size(), input.data(), input.size(), level);
        if (ZSTD_isError(n)) {
            return fail(ErrorCode::Internal,
                        std::string("zstd: compression failed: ") + ZSTD_getErrorName(n));
        }
        out.resize(n);
        return out;
    }

    Result<Bytes> decode(ByteSpan input, std::optional<std::size_t> expected) const override {
        const unsigned long long claimed = total_content_size(input);
        if (claimed == ZSTD_CONTENTSIZE_ERROR) {
            return fail(ErrorCode::Corrupt, "zstd: not a zstd frame, or the frame is truncated");
        }
        if (claimed == ZSTD_CONTENTSIZE_UNKNOWN) return decode_streaming(input, expected);
        CS_RETURN_IF_ERROR(check_claimed_size("zstd", static_cast<std::size_t>(claimed), expected));
        Bytes out;
        out.resize(static_cast<std::size_t>(claimed));
        DCtx dctx;
        if (dctx.ctx == nullptr) return fail(ErrorCode::Internal, "zstd: cannot create a context");
        const std::size_t got =
            ZSTD_decompressDCtx(dctx.ctx, out.data(), out.size(), input.data(), input.size());
        if (ZSTD_isError(got)) return fail(zstd_error(got));
        if (got != claimed) return fail(size_mismatch("zstd", got, out.size()));
        return out;
    }

private:
    int level_;
};

}  // namespace

Result<std::unique_ptr<Codec>> codec_factories::make_zstd(const Json& config, std::size_t) {
    using namespace codec_config;
    CS_RETURN_IF_ERROR(check_keys(config, "zstd", {"level"}));
    // Any C int, as numcodecs takes it; encode() maps it onto zstd's levels as numcodecs does.
    CS_ASSIGN_OR_RETURN(std::int64_t level,
                        get_int(config, "zstd", "level", 1, std::numeric_limits<int>::min(),
                                std::numeric_limits<int>::max()));
    return std::make_unique<ZstdCodec>(static_cast<int>(level));
}

}  // namespace cs
