#include "core/hdf5/hdf5_filter_codecs.h"

#include <lz4.h>
#include <lzf.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "core/codec/adler32.h"
#include "core/codec/byte_shuffle.h"
#include "core/codec/codec.h"

namespace cs {

namespace {

std::uint64_t load_be(const std::uint8_t* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
    return v;
}

void store_be(std::uint8_t* p, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i, v >>= 8) p[i] = static_cast<std::uint8_t>(v & 0xff);
}

std::string size_text(std::size_t n) {
    return std::to_string(n) + " bytes";
}

Result<void> check_size(const char* what, std::size_t got, std::optional<std::size_t> expected) {
    if (expected && got != *expected)
        return fail(ErrorCode::Corrupt, std::string(what) + " decodes to " + size_text(got) +
                                            ", expected " + size_text(*expected));
    if (got > kMaxDecodedSize)
        return fail(ErrorCode::Corrupt, std::string(what) + " claims " + size_text(got) +
                                            ", more than chunkscope will allocate");
    return {};
}

}  // namespace

Bytes hdf5_shuffle(ByteSpan input, std::size_t element_size) {
    Bytes out(input.size());
    shuffle_bytes(input.data(), out.data(), input.size(), element_size);
    return out;
}

Bytes hdf5_unshuffle(ByteSpan input, std::size_t element_size) {
    Bytes out(input.size());
    unshuffle_bytes(input.data(), out.data(), input.size(), element_size);
    return out;
}

std::uint32_t hdf5_fletcher32(ByteSpan data) {
    std::uint32_t sum1 = 0, sum2 = 0;
    std::size_t words = data.size() / 2;
    const std::uint8_t* p = data.data();
    // Fold every 360 words so the 32-bit sums cannot overflow.
    while (words) {
        std::size_t block = std::min<std::size_t>(words, 360);
        words -= block;
        for (; block; --block, p += 2) {
            sum1 += static_cast<std::uint32_t>((p[0] << 8) | p[1]);
            sum2 += sum1;
        }
        sum1 = (sum1 & 0xffff) + (sum1 >> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >> 16);
    }
    if (data.size() % 2) {
        sum1 += static_cast<std::uint32_t>(*p) << 8;
        sum2 += sum1;
        sum1 = (sum1 & 0xffff) + (sum1 >> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >> 16);
    }
    sum1 = (sum1 & 0xffff) + (sum1 >> 16);
    sum2 = (sum2 & 0xffff) + (sum2 >> 16);
    return (sum2 << 16) | sum1;
}

Result<Bytes> hdf5_fletcher32_verify(ByteSpan stored) {
    if (stored.size() < 4)
        return fail(ErrorCode::Corrupt, "fletcher32: chunk of " + size_text(stored.size()) +
                                            " is too short to hold a checksum");
    const ByteSpan data = stored.first(stored.size() - 4);
    const std::uint8_t* tail = stored.data() + data.size();
    const std::uint32_t kept = static_cast<std::uint32_t>(tail[0]) | (std::uint32_t(tail[1]) << 8) |
                               (std::uint32_t(tail[2]) << 16) | (std::uint32_t(tail[3]) << 24);
    const std::uint32_t sum = hdf5_fletcher32(data);
    // Files from HDF5 before 1.6.3 stored the checksum with each 16-bit half byte-swapped.
    const std::uint32_t reversed = ((sum & 0x00ff00ffu) << 8) | ((sum >> 8) & 0x00ff00ffu);
    if (kept != sum && kept != reversed)
        return fail(ErrorCode::Corrupt, "fletcher32 checksum mismatch (stored " +
                                            std::to_string(kept) + ", computed " +
                                            std::to_string(sum) + ")");
    return copy_bytes(data);
}

Bytes hdf5_fletcher32_append(ByteSpan data) {
    Bytes out(data.size() + 4);
    std::copy(data.begin(), data.end(), out.begin());
    const std::uint32_t sum = hdf5_fletcher32(data);
    for (int i = 0; i < 4; ++i)
        out[data.size() + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(sum >> (8 * i));
    return out;
}

Result<Bytes> hdf5_inflate(ByteSpan input, std::optional<std::size_t> expected) {
    // The zlib wrapper is read here and the deflate data inflated raw, so that the Adler-32
    // check runs in our vector adler32_update(), not zlib's scalar one. A preset dictionary
    // (never written by HDF5) is left to zlib, which reports it.
    if (input.size() < 6) return fail(ErrorCode::Corrupt, "deflate stream is truncated");
    const unsigned cmf = input[0], flg = input[1];
    if ((cmf & 0x0f) != 8 || (cmf >> 4) > 7 || (cmf * 256 + flg) % 31 != 0)
        return fail(ErrorCode::Corrupt, "deflate stream has no valid zlib header");
    const bool raw = (flg & 0x20) == 0;
    z_stream z{};
    if ((raw ? inflateInit2(&z, -MAX_WBITS) : inflateInit(&z)) != Z_OK)
        return fail(ErrorCode::Internal, "deflate: zlib init failed");
    if (raw) input = input.subspan(2);
    Bytes out(expected ? *expected : std::max<std::size_t>(input.size() * 4, 4096));
    z.next_in = const_cast<Bytef*>(input.data());
    z.avail_in = static_cast<uInt>(input.size());
    int status = Z_OK;
    while (true) {
        z.next_out = out.data() + z.total_out;
        z.avail_out = static_cast<uInt>(out.size() - z.total_out);
        status = inflate(&z, Z_NO_FLUSH);
        if (status == Z_STREAM_END) break;
        if (status != Z_OK && status != Z_BUF_ERROR) break;
        if (z.avail_out == 0) {
            // Full: with a known size the stream is longer than the chunk.
            if (expected) {
                inflateEnd(&z);
                return fail(ErrorCode::Corrupt, "deflate stream inflates to more than " +
                                                    size_text(*expected) + ", expected " +
                                                    size_text(*expected));
            }
            if (out.size() >= kMaxDecodedSize) {
                inflateEnd(&z);
                return fail(ErrorCode::Corrupt, "deflate stream inflates past the size cap");
            }
            out.resize(std::min(out.size() * 2, kMaxDecodedSize));
            continue;
        }
        if (status == Z_BUF_ERROR) break;  // no progress possible: input ended early
    }
    const std::size_t produced = z.total_out;
    const std::size_t consumed = z.total_in;
    inflateEnd(&z);
    if (status != Z_STREAM_END)
        return fail(ErrorCode::Corrupt, std::string("deflate stream is corrupt or truncated (") +
                                            (z.msg ? z.msg : "ends early") + ")");
    if (raw) {
        if (input.size() - consumed < 4)
            return fail(ErrorCode::Corrupt, "deflate stream is truncated before its checksum");
        const std::uint8_t* t = input.data() + consumed;
        const std::uint32_t stored =
            std::uint32_t{t[0]} << 24 | std::uint32_t{t[1]} << 16 | std::uint32_t{t[2]} << 8 | t[3];
        if (adler32_update(1, out.data(), produced) != stored)
            return fail(ErrorCode::Corrupt, "deflate stream fails its Adler-32 check");
    }
    CS_RETURN_IF_ERROR(check_size("deflate stream", produced, expected));
    out.resize(produced);
    return out;
}

Result<Bytes> hdf5_deflate(ByteSpan input, int level) {
    uLongf bound = compressBound(static_cast<uLong>(input.size()));
    Bytes out(bound);
    if (compress2(out.data(), &bound, input.data(), static_cast<uLong>(input.size()), level) !=
        Z_OK)
        return fail(ErrorCode::Internal,
                    "deflate: zlib compress2 failed at level " + std::to_string(level));
    out.resize(bound);
    return out;
}

Result<Bytes> hdf5_lzf_decode(ByteSpan input, std::optional<std::size_t> expected) {
    std::size_t capacity = expected ? *expected : std::max<std::size_t>(input.size() * 4, 4096);
    while (true) {
        Bytes out(capacity);
        const unsigned n = lzf_decompress(input.data(), static_cast<unsigned>(input.size()),
                                          out.data(), static_cast<unsigned>(out.size()));
        if (n > 0) {
            CS_RETURN_IF_ERROR(check_size("LZF block", n, expected));
            out.resize(n);
            return out;
        }
        // lzf reports "output too small" and "corrupt" only through errno; grow when the size is
        // unknown, otherwise the block cannot be a chunk of this dataset.
        if (expected || capacity >= kMaxDecodedSize)
            return fail(ErrorCode::Corrupt,
                        "LZF block is corrupt or does not decode to " + size_text(capacity));
        capacity = std::min(capacity * 2, kMaxDecodedSize);
    }
}

// Blosc (32001) stores a plain blosc frame and bzip2 (307) a plain bz2 stream: the same bytes
// numcodecs' blosc and bz2 read, so the codec registry's decoders serve both.
namespace {

Result<Bytes> registry_decode(const char* id, ByteSpan input, std::optional<std::size_t> expected) {
    static const Result<std::unique_ptr<Codec>> blosc =
        make_codec(Json(Json::Object{{"id", "blosc"}}));
    static const Result<std::unique_ptr<Codec>> bz2 = make_codec(Json(Json::Object{{"id", "bz2"}}));
    const auto& codec = std::string_view(id) == "blosc" ? blosc : bz2;
    if (!codec) return fail(codec.error());
    return (*codec)->decode(input, expected);
}

}  // namespace

Result<Bytes> hdf5_blosc_decode(ByteSpan input, std::optional<std::size_t> expected) {
    return registry_decode("blosc", input, expected);
}

Result<Bytes> hdf5_bzip2_decode(ByteSpan input, std::optional<std::size_t> expected) {
    return registry_decode("bz2", input, expected);
}

Result<Bytes> hdf5_lz4_decode(ByteSpan input, std::optional<std::size_t> expected) {
    if (input.size() < 12)
        return fail(ErrorCode::Corrupt,
                    "lz4 frame of " + size_text(input.size()) + " is too short");
    const std::uint64_t total = load_be(input.data(), 8);
    std::uint64_t block = load_be(input.data() + 8, 4);
    CS_RETURN_IF_ERROR(check_size("lz4 frame", static_cast<std::size_t>(total), expected));
    if (block == 0 && total > 0) return fail(ErrorCode::Corrupt, "lz4 frame has a block size of 0");
    block = std::min(block, total);
    Bytes out(static_cast<std::size_t>(total));
    std::size_t in = 12, done = 0;
    while (done < total) {
        const std::size_t this_block =
            static_cast<std::size_t>(std::min<std::uint64_t>(block, total - done));
        if (input.size() - in < 4)
            return fail(ErrorCode::Corrupt, "lz4 frame is truncated at byte " + std::to_string(in));
        const std::size_t stored = static_cast<std::size_t>(load_be(input.data() + in, 4));
        in += 4;
        if (stored > input.size() - in)
            return fail(ErrorCode::Corrupt, "lz4 block at byte " + std::to_string(in) + " claims " +
                                                size_text(stored) + ", past the end");
        if (stored == this_block) {
            std::memcpy(out.data() + done, input.data() + in, stored);
        } else {
            const int n =
                LZ4_decompress_safe(reinterpret_cast<const char*>(input.data() + in),
                                    reinterpret_cast<char*>(out.data() + done),
                                    static_cast<int>(stored), static_cast<int>(this_block));
            if (n < 0 || static_cast<std::size_t>(n) != this_block)
                return fail(ErrorCode::Corrupt,
                            "lz4 block at byte " + std::to_string(in) + " is corrupt");
        }
        in += stored;
        done += this_block;
    }
    return out;
}

Bytes hdf5_lz4_encode(ByteSpan input, std::size_t block_size) {
    block_size =
        std::max<std::size_t>(1, std::min(block_size, std::max<std::size_t>(input.size(), 1)));
    const std::size_t blocks = (input.size() + block_size - 1) / block_size;
    Bytes out(12 + blocks * (4 + static_cast<std::size_t>(
                                     LZ4_compressBound(static_cast<int>(block_size)))));
    store_be(out.data(), input.size(), 8);
    store_be(out.data() + 8, block_size, 4);
    std::size_t at = 12;
    for (std::size_t done = 0; done < input.size(); done += block_size) {
        const std::size_t n = std::min(block_size, input.size() - done);
        const int packed =
            LZ4_compress_default(reinterpret_cast<const char*>(input.data() + done),
                                 reinterpret_cast<char*>(out.data() + at + 4), static_cast<int>(n),
                                 LZ4_compressBound(static_cast<int>(n)));
        if (packed <= 0 || static_cast<std::size_t>(packed) >= n) {
            std::memcpy(out.data() + at + 4, input.data() + done, n);
            store_be(out.data() + at, n, 4);
            at += 4 + n;
        } else {
            store_be(out.data() + at, static_cast<std::size_t>(packed), 4);
            at += 4 + static_cast<std::size_t>(packed);
        }
    }
    out.resize(at);
    return out;
}

}  // namespace cs
