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

namespace {

// Python 3.11 hands deflate its output in blocks of these sizes (pycore_blocks_output_buffer.h).
// Stored blocks (level 0) end where the output space ends, so the same schedule is what makes
// level 0 byte-identical; for other levels it changes nothing.
constexpr std::size_t kKiB = 1024;
constexpr std::size_t kMiB = 1024 * kKiB;
constexpr std::size_t kPythonBlocks[] = {32 * kKiB,  64 * kKiB, 256 * kKiB, 1 * kMiB,  4 * kMiB,
                                         8 * kMiB,   16 * kMiB, 16 * kMiB,  32 * kMiB, 32 * kMiB,
                                         32 * kMiB,  32 * kMiB, 64 * kMiB,  64 * kMiB, 128 * kMiB,
                                         128 * kMiB, 256 * kMiB};

// One Python call (compress() or flush()): deflate with `flush` until a call leaves output
// space over, each time into what is left of the current block, starting a new block series.
Result<int> deflate_like_python(std::string_view codec, z_stream& s, Bytes& out, int flush) {
    std::size_t block = 0;
    std::size_t used = out.size();
    std::size_t end = used;
    int rc = Z_OK;
    do {
        if (used == end) {
            end += kPythonBlocks[std::min(block++, std::size(kPythonBlocks) - 1)];
            out.resize(end);
        }
        const std::size_t room = std::min(end - used, kMaxChunk);
        s.next_out = out.data() + used;
        s.avail_out = static_cast<uInt>(room);
        rc = deflate(&s, flush);
        used += room - s.avail_out;
        if (rc == Z_STREAM_ERROR) {
            return fail(ErrorCode::Internal, std::string(codec) + ": deflate failed");
        }
    } while (s.avail_out == 0);
    out.resize(used);
    return rc;
}

}  // namespace

Result<Bytes> deflate_all(std::string_view codec, ByteSpan input, int level, int window_bits,
                          PythonCall call) {
    DeflateStream stream;
    const int rc = deflateInit2(&stream.s, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
    if (rc != Z_OK) {
        return fail(ErrorCode::InvalidArgument,
                    std::string(codec) + ": cannot start deflate: " + zlib_message(stream.s, rc));
    }
    stream.open = true;
    Bytes out;
    out.reserve(deflateBound(&stream.s, input.size()));
    // Python feeds at most UINT_MAX input bytes per deflate call.
    std::size_t in_pos = 0;
    const bool one_shot = call == PythonCall::Compress;
    if (!one_shot && input.empty()) {
        // GzipFile.write() skips compress() for empty data; only flush() runs.
    } else {
        do {
            const std::size_t in_now = std::min(input.size() - in_pos, kMaxChunk);
            stream.s.next_in = const_cast<Bytef*>(input.data() + in_pos);
            stream.s.avail_in = static_cast<uInt>(in_now);
            in_pos += in_now;
            const bool last = in_pos == input.size();
            CS_RETURN_IF_ERROR(deflate_like_python(codec, stream.s, out,
                                                   one_shot && last ? Z_FINISH : Z_NO_FLUSH));
        } while (in_pos < input.size());
    }
    if (!one_shot) {
        CS_ASSIGN_OR_RETURN(int end, deflate_like_python(codec, stream.s, out, Z_FINISH));
        if (end != Z_STREAM_END) {
            return fail(ErrorCode::Internal, std::string(codec) + ": deflate did not finish");
        }
    }
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
