// numcodecs' Blosc through c-blosc 1's context calls (blosc_compress_ctx/blosc_decompress_ctx):
// they keep no global state, so one codec object serves many threads at once. numcodecs calls
// the global-context blosc_compress on its main thread instead; both produce the same bytes for
// the same cname, clevel, shuffle, typesize and blocksize.
#include <blosc.h>

#include <limits>
#include <string>

#include "core/codec/codec_config.h"
#include "core/codec/codec_factories.h"
#include "core/codec/decode_output.h"

namespace cs {
namespace {

constexpr int kAutoShuffle = -1;  // numcodecs: bit-shuffle for 1-byte items, byte-shuffle else

class BloscCodec final : public Codec {
public:
    BloscCodec(std::string cname, int clevel, int shuffle, int blocksize, std::size_t typesize)
        : cname_(std::move(cname)),
          clevel_(clevel),
          shuffle_(shuffle),
          blocksize_(blocksize),
          typesize_(typesize) {}

    std::string id() const override { return "blosc"; }

    Json config() const override {
        return Json(Json::Object{{"id", "blosc"},
                                 {"cname", cname_},
                                 {"clevel", clevel_},
                                 {"shuffle", shuffle_},
                                 {"blocksize", blocksize_}});
    }

    Result<Bytes> encode(ByteSpan input) const override {
        if (input.size() > static_cast<std::size_t>(BLOSC_MAX_BUFFERSIZE)) {
            return fail(ErrorCode::InvalidArgument, "blosc: input of " +
                                                        std::to_string(input.size()) +
                                                        " bytes exceeds blosc's limit of " +
                                                        std::to_string(BLOSC_MAX_BUFFERSIZE));
        }
        int shuffle = shuffle_;
        if (shuffle == kAutoShuffle) shuffle = typesize_ == 1 ? BLOSC_BITSHUFFLE : BLOSC_SHUFFLE;
        Bytes out;
        out.resize(input.size() + BLOSC_MAX_OVERHEAD);
        const int written = blosc_compress_ctx(
            clevel_, shuffle, typesize_, input.size(), input.data(), out.data(), out.size(),
            cname_.c_str(), static_cast<std::size_t>(blocksize_), /*numinternalthreads=*/1);
        if (written <= 0) {
            return fail(ErrorCode::Internal, "blosc: compression with cname '" + cname_ +
                                                 "' failed (code " + std::to_string(written) + ")");
        }
        out.resize(static_cast<std::size_t>(written));
        return out;
    }

    Result<Bytes> decode(ByteSpan input, std::optional<std::size_t> expected) const override {
        if (input.size() < BLOSC_MIN_HEADER_LENGTH) {
            return fail(ErrorCode::Corrupt, "blosc: " + std::to_string(input.size()) +
                                                " bytes is shorter than the 16-byte blosc header");
        }
        std::size_t nbytes = 0;
        std::size_t cbytes = 0;
        std::size_t block = 0;
        blosc_cbuffer_sizes(input.data(), &nbytes, &cbytes, &block);
        if (cbytes != input.size()) {
            return fail(ErrorCode::Corrupt, "blosc: header claims " + std::to_string(cbytes) +
                                                " compressed bytes, but the data has " +
                                                std::to_string(input.size()));
        }
        if (blosc_cbuffer_validate(input.data(), input.size(), &nbytes) < 0) {
            return fail(ErrorCode::Corrupt, "blosc: invalid header");
        }
        CS_RETURN_IF_ERROR(check_claimed_size("blosc", nbytes, expected));
        Bytes out;
        out.resize(nbytes);
        if (nbytes == 0) return out;
        const int got = blosc_decompress_ctx(input.data(), out.data(), out.size(), 1);
        if (got < 0 || static_cast<std::size_t>(got) != nbytes) {
            return fail(ErrorCode::Corrupt, "blosc: data is corrupt (decompression returned " +
                                                std::to_string(got) + ", header claims " +
                                                std::to_string(nbytes) + " bytes)");
        }
        return out;
    }

private:
    std::string cname_;
    int clevel_;
    int shuffle_;
    int blocksize_;
    std::size_t typesize_;
};

}  // namespace

Result<std::unique_ptr<Codec>> codec_factories::make_blosc(const Json& config,
                                                           std::size_t element_size) {
    using namespace codec_config;
    CS_RETURN_IF_ERROR(check_keys(config, "blosc", {"cname", "clevel", "shuffle", "blocksize"}));
    CS_ASSIGN_OR_RETURN(std::string cname, get_string(config, "blosc", "cname", "lz4"));
    CS_ASSIGN_OR_RETURN(std::int64_t clevel, get_int(config, "blosc", "clevel", 5, 0, 9));
    CS_ASSIGN_OR_RETURN(std::int64_t shuffle, get_int(config, "blosc", "shuffle", 1, -1, 2));
    CS_ASSIGN_OR_RETURN(std::int64_t blocksize, get_int(config, "blosc", "blocksize", 0, 0,
                                                        std::numeric_limits<int>::max()));
    // -1 both for names blosc does not know and for compressors left out of this build.
    if (blosc_compname_to_compcode(cname.c_str()) < 0) {
        return fail(ErrorCode::InvalidArgument,
                    "blosc codec: unknown or unavailable cname '" + cname +
                        "' (available: " + blosc_list_compressors() + ")");
    }
    return std::make_unique<BloscCodec>(std::move(cname), static_cast<int>(clevel),
                                        static_cast<int>(shuffle), static_cast<int>(blocksize),
                                        element_size);
}

}  // namespace cs
