// numcodecs' BZ2: Python's bz2.compress(data, level), i.e. libbz2 with blockSize100k = level and
// workFactor 0 (the default, 30). BZ2_bzCompress over the whole input gives the same bytes.
// Decoding reads concatenated streams, as Python's bz2.decompress does.
#include <bzlib.h>

#include <algorithm>
#include <limits>

#include "core/codec/codec_config.h"
#include "core/codec/codec_factories.h"
#include "core/codec/decode_output.h"

namespace cs {
namespace {

constexpr std::size_t kMaxChunk = std::numeric_limits<unsigned>::max();

struct CompressStream {
    bz_stream s{};
    bool open = false;
    ~CompressStream() {
        if (open) BZ2_bzCompressEnd(&s);
    }
};

struct DecompressStream {
    bz_stream s{};
    bool open = false;
    ~DecompressStream() {
        if (open) BZ2_bzDecompressEnd(&s);
    }
};

class Bz2Codec final : public Codec {
public:
    explicit Bz2Codec(int level) : level_(level) {}

    std::string id() const override { return "bz2"; }
    Json config() const override { return Json(Json::Object{{"id", "bz2"}, {"level", level_}}); }

    Result<Bytes> encode(ByteSpan input) const override {
        CompressStream stream;
        if (BZ2_bzCompressInit(&stream.s, level_, 0, 0) != BZ_OK) {
            return fail(ErrorCode::Internal, "bz2: cannot start the compressor");
        }
        stream.open = true;
        Bytes out;
        // bzip2 can expand incompressible data by about 1%, plus a header.
        out.resize(input.size() + input.size() / 100 + 600);
        std::size_t in_pos = 0;
        std::size_t out_pos = 0;
        for (;;) {
            const std::size_t in_now = std::min(input.size() - in_pos, kMaxChunk);
            const bool last = in_pos + in_now == input.size();
            if (out_pos == out.size()) out.resize(out.size() * 2);
            const std::size_t out_now = std::min(out.size() - out_pos, kMaxChunk);
            stream.s.next_in =
                const_cast<char*>(reinterpret_cast<const char*>(input.data() + in_pos));
            stream.s.avail_in = static_cast<unsigned>(in_now);
            stream.s.next_out = reinterpret_cast<char*>(out.data() + out_pos);
            stream.s.avail_out = static_cast<unsigned>(out_now);
            const int rc = BZ2_bzCompress(&stream.s, last ? BZ_FINISH : BZ_RUN);
            in_pos += in_now - stream.s.avail_in;
            out_pos += out_now - stream.s.avail_out;
            if (rc == BZ_STREAM_END) break;
            if (rc != BZ_RUN_OK && rc != BZ_FINISH_OK) {
                return fail(ErrorCode::Internal,
                            "bz2: compression failed (code " + std::to_string(rc) + ")");
            }
        }
        out.resize(out_pos);
        return out;
    }

    Result<Bytes> decode(ByteSpan input, std::optional<std::size_t> expected) const override {
        // Python returns b'' for empty input; every encoder writes at least a stream header, so
        // empty input here means a truncated chunk.
        if (input.empty()) return fail(ErrorCode::Corrupt, "bz2: data is empty");
        DecodeOutput out("bz2", expected, input.size());
        std::size_t in_pos = 0;
        while (in_pos < input.size()) {  // one bzip2 stream per iteration
            DecompressStream stream;
            if (BZ2_bzDecompressInit(&stream.s, 0, 0) != BZ_OK) {
                return fail(ErrorCode::Internal, "bz2: cannot start the decompressor");
            }
            stream.open = true;
            for (;;) {
                CS_ASSIGN_OR_RETURN(MutableByteSpan space, out.space());
                const std::size_t in_now = std::min(input.size() - in_pos, kMaxChunk);
                const std::size_t out_now = std::min(space.size(), kMaxChunk);
                stream.s.next_in =
                    const_cast<char*>(reinterpret_cast<const char*>(input.data() + in_pos));
                stream.s.avail_in = static_cast<unsigned>(in_now);
                stream.s.next_out = reinterpret_cast<char*>(space.data());
                stream.s.avail_out = static_cast<unsigned>(out_now);
                const int rc = BZ2_bzDecompress(&stream.s);
                const std::size_t consumed = in_now - stream.s.avail_in;
                const std::size_t produced = out_now - stream.s.avail_out;
                in_pos += consumed;
                CS_RETURN_IF_ERROR(out.commit(produced));
                if (rc == BZ_STREAM_END) break;
                if (rc != BZ_OK) {
                    return fail(ErrorCode::Corrupt,
                                "bz2: data is corrupt (code " + std::to_string(rc) + ")");
                }
                if (consumed == 0 && produced == 0 && in_pos == input.size()) {
                    return fail(ErrorCode::Corrupt, "bz2: data is truncated after " +
                                                        std::to_string(out.size()) +
                                                        " decoded bytes");
                }
            }
        }
        return std::move(out).finish();
    }

private:
    int level_;
};

}  // namespace

Result<std::unique_ptr<Codec>> codec_factories::make_bz2(const Json& config, std::size_t) {
    using namespace codec_config;
    CS_RETURN_IF_ERROR(check_keys(config, "bz2", {"level"}));
    CS_ASSIGN_OR_RETURN(std::int64_t level, get_int(config, "bz2", "level", 1, 1, 9));
    return std::make_unique<Bz2Codec>(static_cast<int>(level));
}

}  // namespace cs
