#include "core/zarr/v3/zstd_codec.h"

#include <zstd.h>

#include <algorithm>
#include <memory>

#include "core/codec/codec.h"

namespace cs::zarr3 {

Result<std::unique_ptr<ZstdCodec>> ZstdCodec::from_config(const Json& config) {
    const Json* level = config.find("level");
    const Json* checksum = config.find("checksum");
    if (level && !level->is_int())
        return fail(ErrorCode::Corrupt,
                    "zstd codec: level " + write_json(*level) + " is not an integer");
    if (checksum && !checksum->is_bool())
        return fail(ErrorCode::Corrupt,
                    "zstd codec: checksum " + write_json(*checksum) + " is not a bool");
    return std::make_unique<ZstdCodec>(level ? static_cast<int>(level->as_int()) : 0,
                                       checksum && checksum->as_bool());
}

Json ZstdCodec::to_json() const {
    Json config = Json::object();
    config["level"] = Json(level_);
    config["checksum"] = Json(checksum_);
    return named_config("zstd", std::move(config));
}

Result<Bytes> ZstdCodec::encode(Bytes input) const {
    std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> ctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
    if (!ctx) return fail(ErrorCode::Internal, "zstd codec: out of memory");
    ZSTD_CCtx_setParameter(ctx.get(), ZSTD_c_compressionLevel, level_);
    ZSTD_CCtx_setParameter(ctx.get(), ZSTD_c_checksumFlag, checksum_ ? 1 : 0);
    Bytes out(ZSTD_compressBound(input.size()));
    const std::size_t n =
        ZSTD_compress2(ctx.get(), out.data(), out.size(), input.data(), input.size());
    if (ZSTD_isError(n))
        return fail(ErrorCode::Internal, std::string("zstd codec: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

Result<Bytes> ZstdCodec::decode(Bytes input, std::optional<std::size_t> expected_size) const {
    const unsigned long long claimed = ZSTD_getFrameContentSize(input.data(), input.size());
    if (claimed == ZSTD_CONTENTSIZE_ERROR)
        return fail(ErrorCode::Corrupt, "zstd codec: not a zstd frame");
    const std::size_t limit = expected_size.value_or(kMaxDecodedSize);
    if (claimed != ZSTD_CONTENTSIZE_UNKNOWN && claimed > limit)
        return fail(ErrorCode::Corrupt, "zstd codec: frame claims " + std::to_string(claimed) +
                                            " bytes, more than the " + std::to_string(limit) +
                                            " expected");
    // Streaming decode: works with or without a content size in the frame, and verifies the
    // frame checksum when one is present.
    std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
    if (!ctx) return fail(ErrorCode::Internal, "zstd codec: out of memory");
    Bytes out(claimed != ZSTD_CONTENTSIZE_UNKNOWN ? claimed : expected_size.value_or(1 << 16));
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    std::size_t produced = 0;
    for (;;) {
        ZSTD_outBuffer o{out.data() + produced, out.size() - produced, 0};
        const std::size_t rc = ZSTD_decompressStream(ctx.get(), &o, &in);
        if (ZSTD_isError(rc))
            return fail(ErrorCode::Corrupt, std::string("zstd codec: ") + ZSTD_getErrorName(rc));
        produced += o.pos;
        if (rc == 0 && in.pos == in.size) break;
        if (in.pos == in.size && o.pos < o.size && rc != 0)
            return fail(ErrorCode::Corrupt, "zstd codec: truncated frame");
        if (produced == out.size()) {
            if (out.size() >= limit)
                return fail(ErrorCode::Corrupt, "zstd codec: decodes to more than the " +
                                                    std::to_string(limit) + " bytes expected");
            out.resize(std::min(limit, std::max<std::size_t>(out.size() * 2, 4096)));
        }
    }
    out.resize(produced);
    if (expected_size && produced != *expected_size)
        return fail(ErrorCode::Corrupt, "zstd codec: decoded " + std::to_string(produced) +
                                            " bytes, expected " + std::to_string(*expected_size));
    return out;
}

}  // namespace cs::zarr3
