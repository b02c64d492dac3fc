#include "core/zarr/v3/compressor_codec.h"

namespace cs::zarr3 {
namespace {

Result<int> shuffle_number(const Json* word) {
    if (!word) return 0;
    if (word->is_string()) {
        const std::string& s = word->as_string();
        if (s == "noshuffle") return 0;
        if (s == "shuffle") return 1;
        if (s == "bitshuffle") return 2;
    }
    if (word->is_int() && word->as_int() >= 0 && word->as_int() <= 2)  // numcodecs' numbers
        return static_cast<int>(word->as_int());
    return fail(ErrorCode::Corrupt, "blosc codec: shuffle " + write_json(*word) +
                                        " is not \"noshuffle\", \"shuffle\" or \"bitshuffle\"");
}

const char* shuffle_word(int n) {
    return n == 2 ? "bitshuffle" : n == 1 ? "shuffle" : "noshuffle";
}

}  // namespace

Result<std::unique_ptr<CompressorCodec>> CompressorCodec::from_config(const std::string& name,
                                                                      const Json& config,
                                                                      std::size_t itemsize) {
    Json numcodecs = Json::object();
    Json v3 = Json::object();
    std::size_t element_size = 1;
    if (name == "blosc") {
        const Json* cname = config.find("cname");
        const Json* clevel = config.find("clevel");
        const Json* typesize = config.find("typesize");
        const Json* blocksize = config.find("blocksize");
        CS_ASSIGN_OR_RETURN(int shuffle, shuffle_number(config.find("shuffle")));
        if (typesize && !(typesize->is_int() && typesize->as_int() >= 1))
            return fail(ErrorCode::Corrupt,
                        "blosc codec: typesize " + write_json(*typesize) + " is not a size");
        element_size = typesize ? static_cast<std::size_t>(typesize->as_int()) : itemsize;
        numcodecs["id"] = Json("blosc");
        numcodecs["cname"] = cname ? *cname : Json("lz4");
        numcodecs["clevel"] = clevel ? *clevel : Json(5);
        numcodecs["shuffle"] = Json(shuffle);
        numcodecs["blocksize"] = blocksize ? *blocksize : Json(0);
        v3["typesize"] = Json(static_cast<unsigned long>(element_size));
        v3["cname"] = numcodecs["cname"];
        v3["clevel"] = numcodecs["clevel"];
        v3["shuffle"] = Json(shuffle_word(shuffle));
        v3["blocksize"] = numcodecs["blocksize"];
    } else if (name == "gzip") {
        const Json* level = config.find("level");
        numcodecs["id"] = Json("gzip");
        numcodecs["level"] = level ? *level : Json(5);
        v3["level"] = numcodecs["level"];
    } else {
        return fail(ErrorCode::Unsupported, "unknown codec '" + name + "'");
    }
    auto codec = make_codec(numcodecs, element_size);
    if (!codec) return fail(codec.error().with_context(name + " codec"));
    return std::unique_ptr<CompressorCodec>(
        new CompressorCodec(named_config(name.c_str(), std::move(v3)), std::move(*codec)));
}

Result<Bytes> CompressorCodec::encode(Bytes input) const {
    return codec_->encode(input);
}

Result<Bytes> CompressorCodec::decode(Bytes input, std::optional<std::size_t> expected_size) const {
    return codec_->decode(input, expected_size);
}

}  // namespace cs::zarr3
