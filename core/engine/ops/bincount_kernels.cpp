#include "core/engine/ops/bincount_kernels.h"

#include <immintrin.h>

#include <algorithm>
#include <array>
#include <utility>

namespace cs::engine {

bool cpu_has_avx2() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

bool cpu_has_avx512bw() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("popcnt");
}

namespace {

#define CS_AVX512_TARGET __attribute__((target("avx512f,avx512bw,popcnt")))

template <unsigned Bins, bool Overwrite = false>
CS_AVX512_TARGET inline void count_bins_avx512(const std::int8_t* p, std::uint64_t len,
                                               std::int64_t* row) {
    static_assert(Bins >= 1 && Bins <= 8);
    std::uint64_t counts[Bins] = {};
    std::uint64_t j = 0;
    for (; j + 64 <= len; j += 64) {
        const __m512i x = _mm512_loadu_si512(p + j);
        for (unsigned v = 0; v < Bins; ++v)
            counts[v] += static_cast<std::uint64_t>(__builtin_popcountll(
                _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(static_cast<char>(v)))));
    }
    if (j < len) {
        // A masked load reads only the row's bytes (no fault past its end); the masked compare
        // ignores the zeros it puts in the other lanes.
        const __mmask64 tail = ~std::uint64_t{0} >> (64 - (len - j));
        const __m512i x = _mm512_maskz_loadu_epi8(tail, p + j);
        for (unsigned v = 0; v < Bins; ++v)
            counts[v] += static_cast<std::uint64_t>(__builtin_popcountll(
                _mm512_mask_cmpeq_epi8_mask(tail, x, _mm512_set1_epi8(static_cast<char>(v)))));
    }
    for (unsigned v = 0; v < Bins; ++v) {
        if constexpr (Overwrite)
            row[v] = static_cast<std::int64_t>(counts[v]);
        else
            row[v] += static_cast<std::int64_t>(counts[v]);
    }
}

// Rows of 256 bytes and more: per pair of bins one vector of byte counters, one nibble per bin.
// A byte's value, clamped to Bins (so negative values and values past the last bin all become
// Bins), indexes a 16-entry table (vpshufb) that holds 1 for the pair's even bin, 16 for its odd
// bin and 0 otherwise; adding that counts. A nibble holds 15, so the counters are emptied every
// 15 vectors. Per vector this is a min, and a shuffle and an add per pair, where the compare
// kernel below needs a compare, a mask move, a popcnt and an add per bin: on rows of 400 with
// 4 bins, 1.5x the compare kernel; under 256 bytes emptying the counters costs more than it saves.
inline constexpr std::uint64_t kNibbleKernelMinLength = 256;

// _mm512_slli_epi64 and _mm512_reduce_add_epi64 start from _mm512_undefined, which GCC 12
// reports as used uninitialised (-Werror); the zero-masked forms give the same results.
CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i shift_lanes_left(const __m512i& x,
                                                                        unsigned bits) {
    return _mm512_maskz_slli_epi64(0xff, x, bits);
}

CS_AVX512_TARGET [[gnu::always_inline]] inline std::uint64_t sum_lanes(const __m512i& x) {
    const __m256i quads = _mm256_add_epi64(_mm512_maskz_extracti64x4_epi64(0xf, x, 0),
                                           _mm512_maskz_extracti64x4_epi64(0xf, x, 1));
    const __m128i pairs =
        _mm_add_epi64(_mm256_castsi256_si128(quads), _mm256_extracti128_si256(quads, 1));
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(pairs)) +
           static_cast<std::uint64_t>(_mm_extract_epi64(pairs, 1));
}

template <unsigned Bins>
CS_AVX512_TARGET [[gnu::always_inline]] inline void empty_nibble_counters(const __m512i* acc,
                                                                          std::uint64_t* counts) {
    constexpr unsigned kPairs = (Bins + 1) / 2;
    const __m512i low_nibbles = _mm512_set1_epi8(0x0f);
    const __m512i zero = _mm512_setzero_si512();
    // psadbw sums each 8 bytes into a 64-bit lane. Per pair, the sum of the bytes is lo + 16 hi
    // and the sum of their low nibbles is lo; each of the two fits 16 bits (64 bytes of at most
    // 255), so two pairs' four sums share one lane and one horizontal add.
#pragma GCC unroll 2
    for (unsigned w = 0; w < (kPairs + 1) / 2; ++w) {
        __m512i packed = zero;
#pragma GCC unroll 2
        for (unsigned k = 0; k < 2; ++k) {
            if (2 * w + k >= kPairs) break;
            const __m512i a = acc[2 * w + k];
            const __m512i lo = _mm512_sad_epu8(_mm512_and_si512(a, low_nibbles), zero);
            const __m512i all = _mm512_sad_epu8(a, zero);
            packed = _mm512_or_si512(
                packed, shift_lanes_left(_mm512_or_si512(lo, shift_lanes_left(all, 16)), 32 * k));
        }
        const std::uint64_t sums = sum_lanes(packed);
#pragma GCC unroll 2
        for (unsigned k = 0; k < 2; ++k) {
            const unsigned bin = 4 * w + 2 * k;
            if (bin >= Bins) break;
            const std::uint64_t lo = (sums >> (32 * k)) & 0xffff;
            const std::uint64_t all = (sums >> (32 * k + 16)) & 0xffff;
            counts[bin] += lo;
            if (bin + 1 < Bins) counts[bin + 1] += (all - lo) >> 4;
        }
    }
}

template <unsigned Bins>
CS_AVX512_TARGET [[gnu::always_inline]] inline void add_to_nibble_counters(const __m512i& x,
                                                                           const __m512i* table,
                                                                           __m512i* acc) {
    const __m512i clamped = _mm512_min_epu8(x, _mm512_set1_epi8(static_cast<char>(Bins)));
#pragma GCC unroll 4
    for (unsigned i = 0; i < (Bins + 1) / 2; ++i)
        acc[i] = _mm512_add_epi8(acc[i], _mm512_shuffle_epi8(table[i], clamped));
}

template <unsigned Bins, bool Overwrite>
CS_AVX512_TARGET void count_rows_nibbles_avx512(const std::int8_t* p, std::uint64_t rows,
                                                std::uint64_t len, std::uint64_t row_stride,
                                                std::int64_t* out) {
    constexpr unsigned kPairs = (Bins + 1) / 2;
    __m512i table[kPairs];
#pragma GCC unroll 4
    for (unsigned i = 0; i < kPairs; ++i) {
        // vpshufb looks up within each 16-byte lane: the table repeats in all four.
        alignas(64) std::int8_t entries[64] = {};
        for (unsigned lane = 0; lane < 64; lane += 16) {
            entries[lane + 2 * i] = 1;
            if (2 * i + 1 < Bins) entries[lane + 2 * i + 1] = 16;
        }
        table[i] = _mm512_load_si512(entries);
    }
    const __m512i clamp = _mm512_set1_epi8(static_cast<char>(Bins));
    for (std::uint64_t r = 0; r < rows; ++r) {
        const std::int8_t* row = p + r * row_stride;
        std::uint64_t counts[Bins] = {};
        std::uint64_t j = 0;
        while (j < len) {
            __m512i acc[kPairs];
#pragma GCC unroll 4
            for (auto& a : acc) a = _mm512_setzero_si512();
            const std::uint64_t end = std::min<std::uint64_t>(len, j + 15 * 64);
            for (; j + 64 <= end; j += 64)
                add_to_nibble_counters<Bins>(_mm512_loadu_si512(row + j), table, acc);
            if (j < end) {
                // A masked load reads only the row's bytes; the other lanes get Bins, which
                // counts nowhere.
                const __mmask64 tail = ~std::uint64_t{0} >> (64 - (end - j));
                add_to_nibble_counters<Bins>(_mm512_mask_loadu_epi8(clamp, tail, row + j), table,
                                             acc);
                j = end;
            }
            empty_nibble_counters<Bins>(acc, counts);
        }
        std::int64_t* o = out + r * Bins;
#pragma GCC unroll 8
        for (unsigned v = 0; v < Bins; ++v) {
            if constexpr (Overwrite)
                o[v] = static_cast<std::int64_t>(counts[v]);
            else
                o[v] += static_cast<std::int64_t>(counts[v]);
        }
    }
}

template <unsigned Bins, bool Overwrite>
CS_AVX512_TARGET void count_rows_avx512(const std::int8_t* p, std::uint64_t rows, std::uint64_t len,
                                        std::uint64_t row_stride, std::int64_t* out) {
    if (len >= kNibbleKernelMinLength)
        return count_rows_nibbles_avx512<Bins, Overwrite>(p, rows, len, row_stride, out);
    for (std::uint64_t r = 0; r < rows; ++r)
        count_bins_avx512<Bins, Overwrite>(p + r * row_stride, len, out + r * Bins);
}

// count_rows_avx512<Bins, Overwrite> for Bins = 1..8, indexed by Bins - 1.
template <bool Overwrite, unsigned... Index>
constexpr auto row_kernels(std::integer_sequence<unsigned, Index...>) {
    return std::array{&count_rows_avx512<Index + 1, Overwrite>...};
}

template <bool Overwrite>
void count_rows_avx512(const std::int8_t* p, std::uint64_t rows, std::uint64_t len,
                       std::uint64_t row_stride, std::int64_t* out, std::uint32_t bins) {
    static constexpr auto kKernels =
        row_kernels<Overwrite>(std::make_integer_sequence<unsigned, 8>{});
    kKernels[std::clamp<std::uint32_t>(bins, 1, 8) - 1](p, rows, len, row_stride, out);
}

}  // namespace

void count_small_bins_rows(const std::int8_t* p, std::uint64_t rows, std::uint64_t len,
                           std::uint64_t row_stride, std::int64_t* out, std::uint32_t bins,
                           bool overwrite) {
    static const bool avx512 = cpu_has_avx512bw();
    if (avx512) {
        if (overwrite)
            count_rows_avx512<true>(p, rows, len, row_stride, out, bins);
        else
            count_rows_avx512<false>(p, rows, len, row_stride, out, bins);
        return;
    }
    if (overwrite) std::fill(out, out + rows * bins, std::int64_t{0});
    for (std::uint64_t r = 0; r < rows; ++r)
        count_small_bins(p + r * row_stride, len, out + r * bins, bins);
}

CS_AVX512_TARGET void count_small_bins_avx512(const std::int8_t* p, std::uint64_t len,
                                              std::int64_t* row, std::uint32_t bins) {
    count_rows_avx512<false>(p, 1, len, 0, row, bins);  // one row
}

void count_small_bins_sse2(const std::int8_t* p, std::uint64_t len, std::int64_t* row,
                           std::uint32_t bins) {
    count_small_bins_with<ByteVector16>(p, len, row, bins);
}

__attribute__((target("avx2"))) void count_small_bins_avx2(const std::int8_t* p, std::uint64_t len,
                                                           std::int64_t* row, std::uint32_t bins) {
    count_small_bins_with<ByteVector32>(p, len, row, bins);
}

}  // namespace cs::engine
