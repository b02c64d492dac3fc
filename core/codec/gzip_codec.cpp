// numcodecs' GZip: Python's GzipFile writing into a BytesIO, i.e. a 10-byte header without a file
// name (flags 0, XFL 4 for level 1, 2 for level 9, else 0, OS 255), raw deflate, then CRC-32 and
// size. The one difference: numcodecs stores the current time as MTIME, we store 0 ("no time")
// so that the same chunk always encodes to the same bytes. Everything after byte 8 is identical.
#include <zlib.h>

#include "core/codec/codec_config.h"
#include "core/codec/codec_factories.h"
#include "core/codec/zlib_stream.h"

namespace cs {
namespace {

void put_le32(Bytes& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

class GzipCodec final : public Codec {
public:
    explicit GzipCodec(int level) : level_(level) {}

    std::string id() const override { return "gzip"; }
    Json config() const override { return Json(Json::Object{{"id", "gzip"}, {"level", level_}}); }

    Result<Bytes> encode(ByteSpan input) const override {
        CS_ASSIGN_OR_RETURN(Bytes body,
                            zlib_stream::deflate_all("gzip", input, level_, -MAX_WBITS,
                                                     zlib_stream::PythonCall::CompressThenFlush));
        const std::uint8_t xfl = level_ == 9 ? 2 : level_ == 1 ? 4 : 0;
        Bytes out{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 0xff};
        out.reserve(out.size() + body.size() + 8);
        out.insert(out.end(), body.begin(), body.end());
        uLong crc = crc32(0L, Z_NULL, 0);
        for (std::size_t pos = 0; pos < input.size();) {
            const std::size_t n = std::min<std::size_t>(input.size() - pos, 1u << 30);
            crc = crc32(crc, input.data() + pos, static_cast<uInt>(n));
            pos += n;
        }
        put_le32(out, static_cast<std::uint32_t>(crc));
        put_le32(out, static_cast<std::uint32_t>(input.size() & 0xffffffffu));
        return out;
    }

    Result<Bytes> decode(ByteSpan input, std::optional<std::size_t> expected) const override {
        return zlib_stream::inflate_all("gzip", input, 16 + MAX_WBITS, expected);
    }

private:
    int level_;
};

}  // namespace

Result<std::unique_ptr<Codec>> codec_factories::make_gzip(const Json& config, std::size_t) {
    using namespace codec_config;
    CS_RETURN_IF_ERROR(check_keys(config, "gzip", {"level"}));
    CS_ASSIGN_OR_RETURN(std::int64_t level, get_int(config, "gzip", "level", 1, -1, 9));
    return std::make_unique<GzipCodec>(static_cast<int>(level));
}

}  // namespace cs
