#include "core/codec/zlib_stream.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <string>

#include "core/codec/decode_output.h"

namespace cs::zlib_stream {
namespace {

constexpr std::size_t kMaxChunk = std::numeric_limits<uInt>::max();

struct DeflateStream {
    z_stream s{};
    bool open = false;
    ~DeflateStream() {
        if (open) deflateEnd(&s);
    }
};

struct InflateStream {
    z_stream s{};
    bool open = false;
    ~InflateStream() {
        if (open) inflateEnd(&s);
    }
};

std::string zlib_message(const z_stream& s, int rc) {
    if (s.msg != nullptr) return s.msg;
    return "zlib error " + std::to_string(rc);
}

}  // namespace

Result<Bytes> deflate_all(std::string_view codec, ByteSpan input, int level, int window_bits) {
    DeflateStream stream;
    int rc = deflateInit2(&stream.s, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
    if (rc != Z_OK) {
        return fail(ErrorCode::InvalidArgument,
                    std::string(codec) + ": cannot start deflate: " + zlib_message(stream.s, rc));
    }
    stream.open = true;
    Bytes out;
    out.resize(deflateBound(&stream.s, input.size()));
    std::size_t in_pos = 0;
    std::size_t out_pos = 0;
    for (;;) {
        const std::size_t in_now = std::min(input.size() - in_pos, kMaxChunk);
        const bool last = in_pos + in_now == input.size();
        if (out_pos == out.size()) out.resize(out.size() * 2 + 1024);
        const std::size_t out_now = std::min(out.size() - out_pos, kMaxChunk);
        // zlib never writes through next_in; the cast only satisfies its pre-const API.
        stream.s.next_in = const_cast<Bytef*>(input.data() + in_pos);
        stream.s.avail_in = static_cast<uInt>(in_now);
        stream.s.next_out = out.data() + out_pos;
        stream.s.avail_out = static_cast<uInt>(out_now);
        rc = deflate(&stream.s, last ? Z_FINISH : Z_NO_FLUSH);
        in_pos += in_now - stream.s.avail_in;
        out_pos += out_now - stream.s.avail_out;
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return fail(ErrorCode::Internal,
                        std::string(codec) + ": deflate failed: " + zlib_message(stream.s, rc));
        }
    }
    out.resize(out_pos);
    return out;
}

Result<Bytes> inflate_all(std::string_view codec, ByteSpan input, int window_bits,
                          std::optional<std::size_t> expected) {
    const bool gzip = window_bits > MAX_WBITS;
    InflateStream stream;
    int rc = inflateInit2(&stream.s, window_bits);
    if (rc != Z_OK) {
        return fail(ErrorCode::Internal,
                    std::string(codec) + ": cannot start inflate: " + zlib_message(stream.s, rc));
    }
    stream.open = true;
    DecodeOutput out(codec, expected, input.size());
    std::size_t in_pos = 0;
    for (;;) {
        CS_ASSIGN_OR_RETURN(MutableByteSpan space, out.space());
        const std::size_t in_now = std::min(input.size() - in_pos, kMaxChunk);
        const std::size_t out_now = std::min(space.size(), kMaxChunk);
        stream.s.next_in = const_cast<Bytef*>(input.data() + in_pos);
        stream.s.avail_in = static_cast<uInt>(in_now);
        stream.s.next_out = space.data();
        stream.s.avail_out = static_cast<uInt>(out_now);
        rc = inflate(&stream.s, Z_NO_FLUSH);
        const std::size_t consumed = in_now - stream.s.avail_in;
        const std::size_t produced = out_now - stream.s.avail_out;
        in_pos += consumed;
        CS_RETURN_IF_ERROR(out.commit(produced));
        if (rc == Z_STREAM_END) {
            if (!gzip) break;
            // Python's gzip reader skips zero padding after a member and reads the next member.
            while (in_pos < input.size() && input[in_pos] == 0) ++in_pos;
            if (in_pos == input.size()) break;
            inflateReset(&stream.s);
            continue;
        }
        if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR || rc == Z_STREAM_ERROR) {
            return fail(ErrorCode::Corrupt,
                        std::string(codec) + ": data is corrupt: " + zlib_message(stream.s, rc));
        }
        if (rc == Z_MEM_ERROR) {
            return fail(ErrorCode::Internal, std::string(codec) + ": out of memory in inflate");
        }
        if (consumed == 0 && produced == 0 && in_pos == input.size()) {
            return fail(ErrorCode::Corrupt, std::string(codec) + ": data is truncated after " +
                                                std::to_string(out.size()) + " decoded bytes");
        }
    }
    return std::move(out).finish();
}

}  // namespace cs::zlib_stream
