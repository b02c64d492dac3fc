#include "core/codec/byte_shuffle.h"

#include <emmintrin.h>

#include <cstring>

namespace cs {
namespace {

// Items [from, n) one byte at a time: the scalar loop, and the end of the SSE2 ones.
void unshuffle_items(const std::uint8_t* in, std::uint8_t* out, std::size_t n,
                     std::size_t item_size, std::size_t from) {
    for (std::size_t b = 0; b < item_size; ++b) {
        const std::uint8_t* stream = in + b * n;
        for (std::size_t i = from; i < n; ++i) out[i * item_size + b] = stream[i];
    }
}

__m128i load(const std::uint8_t* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
void store(std::uint8_t* p, __m128i v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}

// 16 items per step: interleaving the streams' bytes, then their pairs, then their quads, puts
// each item's bytes together.
std::size_t unshuffle2(const std::uint8_t* in, std::uint8_t* out, std::size_t n) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m128i a = load(in + i), b = load(in + n + i);
        store(out + 2 * i, _mm_unpacklo_epi8(a, b));
        store(out + 2 * i + 16, _mm_unpackhi_epi8(a, b));
    }
    return i;
}

std::size_t unshuffle4(const std::uint8_t* in, std::uint8_t* out, std::size_t n) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m128i a = load(in + i), b = load(in + n + i), c = load(in + 2 * n + i),
                      d = load(in + 3 * n + i);
        const __m128i ab_lo = _mm_unpacklo_epi8(a, b), ab_hi = _mm_unpackhi_epi8(a, b);
        const __m128i cd_lo = _mm_unpacklo_epi8(c, d), cd_hi = _mm_unpackhi_epi8(c, d);
        std::uint8_t* o = out + 4 * i;
        store(o, _mm_unpacklo_epi16(ab_lo, cd_lo));
        store(o + 16, _mm_unpackhi_epi16(ab_lo, cd_lo));
        store(o + 32, _mm_unpacklo_epi16(ab_hi, cd_hi));
        store(o + 48, _mm_unpackhi_epi16(ab_hi, cd_hi));
    }
    return i;
}

std::size_t unshuffle8(const std::uint8_t* in, std::uint8_t* out, std::size_t n) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i s[8];
        for (int b = 0; b < 8; ++b) s[b] = load(in + b * n + i);
        // Bytes of streams (0,1), (2,3), (4,5), (6,7) paired, then pairs into quads, then quads
        // into the 8 bytes of each item.
        __m128i p[8], q[8];
        for (int k = 0; k < 4; ++k) {
            p[2 * k] = _mm_unpacklo_epi8(s[2 * k], s[2 * k + 1]);
            p[2 * k + 1] = _mm_unpackhi_epi8(s[2 * k], s[2 * k + 1]);
        }
        for (int k = 0; k < 2; ++k) {
            for (int h = 0; h < 2; ++h) {
                q[4 * k + 2 * h] = _mm_unpacklo_epi16(p[4 * k + h], p[4 * k + 2 + h]);
                q[4 * k + 2 * h + 1] = _mm_unpackhi_epi16(p[4 * k + h], p[4 * k + 2 + h]);
            }
        }
        std::uint8_t* o = out + 8 * i;
        for (int j = 0; j < 4; ++j) {
            store(o + 32 * j, _mm_unpacklo_epi32(q[j], q[4 + j]));
            store(o + 32 * j + 16, _mm_unpackhi_epi32(q[j], q[4 + j]));
        }
    }
    return i;
}

// Copies what shuffling leaves in place (all of a block of one-byte items or shorter than an
// item; else the tail past the last whole item) and returns the number of items to move, 0 when
// there is nothing more to do.
std::size_t copy_unshuffled_part(const std::uint8_t* in, std::uint8_t* out, std::size_t bytes,
                                 std::size_t item_size) {
    if (item_size <= 1 || bytes < item_size) {
        if (bytes > 0) std::memcpy(out, in, bytes);  // empty buffers may have null data
        return 0;
    }
    const std::size_t n = bytes / item_size;
    std::memcpy(out + n * item_size, in + n * item_size, bytes - n * item_size);
    return n;
}

}  // namespace

void unshuffle_bytes(const std::uint8_t* in, std::uint8_t* out, std::size_t bytes,
                     std::size_t item_size) {
    const std::size_t n = copy_unshuffled_part(in, out, bytes, item_size);
    if (n == 0) return;
    std::size_t done = 0;
    if (item_size == 2) done = unshuffle2(in, out, n);
    if (item_size == 4) done = unshuffle4(in, out, n);
    if (item_size == 8) done = unshuffle8(in, out, n);
    unshuffle_items(in, out, n, item_size, done);
}

void shuffle_bytes(const std::uint8_t* in, std::uint8_t* out, std::size_t bytes,
                   std::size_t item_size) {
    const std::size_t n = copy_unshuffled_part(in, out, bytes, item_size);
    for (std::size_t b = 0; b < item_size && n > 0; ++b)
        for (std::size_t i = 0; i < n; ++i) out[b * n + i] = in[i * item_size + b];
}

}  // namespace cs
