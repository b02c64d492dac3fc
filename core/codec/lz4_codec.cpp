// numcodecs' LZ4: a 4-byte little-endian decoded size, then one LZ4 block written by
// LZ4_compress_fast(acceleration). Not the LZ4 frame format.
#include <lz4.h>

#include <limits>

#include "core/codec/codec_config.h"
#include "core/codec/codec_factories.h"
#include "core/codec/decode_output.h"

namespace cs {
namespace {

constexpr std::size_t kPrefix = 4;

class Lz4Codec final : public Codec {
public:
    explicit Lz4Codec(int acceleration) : acceleration_(acceleration) {}

    std::string id() const override { return "lz4"; }
    Json config() const override {
        return Json(Json::Object{{"id", "lz4"}, {"acceleration", acceleration_}});
    }

    Result<Bytes> encode(ByteSpan input) const override {
        if (input.size() > static_cast<std::size_t>(LZ4_MAX_INPUT_SIZE)) {
            return fail(ErrorCode::InvalidArgument,
                        "lz4: input of " + std::to_string(input.size()) +
                            " bytes exceeds LZ4's limit of " + std::to_string(LZ4_MAX_INPUT_SIZE));
        }
        const int n = static_cast<int>(input.size());
        const int bound = LZ4_compressBound(n);
        Bytes out;
        out.resize(kPrefix + static_cast<std::size_t>(bound));
        for (std::size_t i = 0; i < kPrefix; ++i) {
            out[i] = static_cast<std::uint8_t>(static_cast<std::uint32_t>(n) >> (8 * i));
        }
        const int written = LZ4_compress_fast(reinterpret_cast<const char*>(input.data()),
                                              reinterpret_cast<char*>(out.data() + kPrefix), n,
                                              bound, acceleration_);
        if (written <= 0) return fail(ErrorCode::Internal, "lz4: compression failed");
        out.resize(kPrefix + static_cast<std::size_t>(written));
        return out;
    }

    Result<Bytes> decode(ByteSpan input, std::optional<std::size_t> expected) const override {
        if (input.size() < kPrefix) {
            return fail(ErrorCode::Corrupt, "lz4: " + std::to_string(input.size()) +
                                                " bytes is shorter than the 4-byte size prefix");
        }
        std::uint32_t claimed = 0;
        for (std::size_t i = 0; i < kPrefix; ++i) claimed |= std::uint32_t{input[i]} << (8 * i);
        CS_RETURN_IF_ERROR(check_claimed_size("lz4", claimed, expected));
        // numcodecs writes sizes as a C int; anything above is not its data.
        const ByteSpan block = input.subspan(kPrefix);
        if (claimed > static_cast<std::uint32_t>(std::numeric_limits<int>::max()) ||
            block.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
            return fail(ErrorCode::Corrupt,
                        "lz4: size prefix " + std::to_string(claimed) + " is out of range");
        }
        // An LZ4 block expands at most 255-fold (each extra match-length byte adds 255), so a
        // larger claim is corrupt; checking it first avoids allocating for garbage.
        if (claimed > std::uint64_t{255} * block.size() + 16) {
            return fail(ErrorCode::Corrupt, "lz4: size prefix claims " + std::to_string(claimed) +
                                                " bytes, more than " +
                                                std::to_string(block.size()) +
                                                " compressed bytes can hold");
        }
        Bytes out;
        out.resize(claimed);
        const int got = LZ4_decompress_safe(
            reinterpret_cast<const char*>(block.data()), reinterpret_cast<char*>(out.data()),
            static_cast<int>(block.size()), static_cast<int>(claimed));
        if (got < 0) return fail(ErrorCode::Corrupt, "lz4: data is corrupt or truncated");
        if (static_cast<std::uint32_t>(got) != claimed) {
            return fail(size_mismatch("lz4", static_cast<std::size_t>(got), claimed));
        }
        return out;
    }

private:
    int acceleration_;
};

}  // namespace

Result<std::unique_ptr<Codec>> codec_factories::make_lz4(const Json& config, std::size_t) {
    using namespace codec_config;
    CS_RETURN_IF_ERROR(check_keys(config, "lz4", {"acceleration"}));
    // LZ4 itself treats values below 1 as 1 and caps large ones, and numcodecs passes any C int.
    CS_ASSIGN_OR_RETURN(std::int64_t acceleration,
                        get_int(config, "lz4", "acceleration", 1, std::numeric_limits<int>::min(),
                                std::numeric_limits<int>::max()));
    return std::make_unique<Lz4Codec>(static_cast<int>(acceleration));
}

}  // namespace cs
