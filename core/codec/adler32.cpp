#include "core/codec/adler32.h"

#include <emmintrin.h>

#include <algorithm>

namespace cs {

namespace {

constexpr std::uint32_t kMod = 65521;
// Blocks of 16 bytes per pass before the 32-bit vector lanes could overflow: zlib's NMAX (5552
// bytes) keeps the scalar sums below 2^32, and the lanes here hold less than those sums.
constexpr std::size_t kMaxBlocks = 5552 / 16;

std::uint64_t lane_sum(__m128i v) {
    alignas(16) std::uint32_t lanes[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes), v);
    return std::uint64_t{lanes[0]} + lanes[1] + lanes[2] + lanes[3];
}

}  // namespace

std::uint32_t adler32_update(std::uint32_t adler, const std::uint8_t* p, std::size_t n) {
    std::uint32_t a = adler & 0xffff;
    std::uint32_t b = adler >> 16;
    const __m128i zero = _mm_setzero_si128();
    // Byte j of a 16-byte block is added to b (16 - j) times within the block.
    const __m128i weights_lo = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9);
    const __m128i weights_hi = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);
    while (n >= 16) {
        const std::size_t blocks = std::min(n / 16, kMaxBlocks);
        n -= blocks * 16;
        // For blocks k = 0..m-1 with byte sums S_k:
        //   a' = a + sum S_k
        //   b' = b + 16m a + 16 sum_k (sum_{k' < k} S_k') + sum_k sum_j (16 - j) x_kj
        __m128i sums = zero;    // running byte sum (psadbw: two 64-bit halves)
        __m128i prefix = zero;  // sum over blocks of the byte sum before each block
        __m128i weighted = zero;
        for (std::size_t k = 0; k < blocks; ++k, p += 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            prefix = _mm_add_epi32(prefix, sums);
            sums = _mm_add_epi32(sums, _mm_sad_epu8(x, zero));
            weighted =
                _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpacklo_epi8(x, zero), weights_lo));
            weighted =
                _mm_add_epi32(weighted, _mm_madd_epi16(_mm_unpackhi_epi8(x, zero), weights_hi));
        }
        const std::uint64_t bb =
            b + std::uint64_t{16} * blocks * a + 16 * lane_sum(prefix) + lane_sum(weighted);
        a = static_cast<std::uint32_t>((a + lane_sum(sums)) % kMod);
        b = static_cast<std::uint32_t>(bb % kMod);
    }
    for (; n > 0; --n, ++p) {
        a += *p;
        b += a;
    }
    return ((b % kMod) << 16) | (a % kMod);
}

}  // namespace cs
