// numcodecs' Zlib: Python's zlib.compress(data, level), a zlib stream (RFC 1950) with the default
// window and memory level. deflate() over the whole input at once gives the same bytes.
#include <zlib.h>

#include <limits>

#include "core/codec/codec_config.h"
#include "core/codec/codec_factories.h"
#include "core/codec/zlib_stream.h"

namespace cs {
namespace {

class ZlibCodec final : public Codec {
public:
    explicit ZlibCodec(int level) : level_(level) {}

    std::string id() const override { return "zlib"; }
    Json config() const override { return Json(Json::Object{{"id", "zlib"}, {"level", level_}}); }

    Result<Bytes> encode(ByteSpan input) const override {
        return zlib_stream::deflate_all("zlib", input, level_, MAX_WBITS,
                                        zlib_stream::PythonCall::Compress);
    }

    Result<Bytes> decode(ByteSpan input, std::optional<std::size_t> expected) const override {
        return zlib_stream::inflate_all("zlib", input, MAX_WBITS, expected);
    }

private:
    int level_;
};

}  // namespace

Result<std::unique_ptr<Codec>> codec_factories::make_zlib(const Json& config, std::size_t) {
    using namespace codec_config;
    CS_RETURN_IF_ERROR(check_keys(config, "zlib", {"level"}));
    CS_ASSIGN_OR_RETURN(std::int64_t level, get_int(config, "zlib", "level", 1, -1, 9));
    return std::make_unique<ZlibCodec>(static_cast<int>(level));
}

}  // namespace cs
