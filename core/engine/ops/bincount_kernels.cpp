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
    // AVX-512VL for the short-row kernel's 256-bit masked loads: every CPU with AVX-512BW has it.
    return __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("popcnt");
}

namespace {

#define CS_AVX512_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,popcnt")))

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

// psadbw sums each 8 bytes into a 64-bit lane. Per pair, the sum of the bytes is lo + 16 hi
// and the sum of their low nibbles is lo; each of the two fits 16 bits (64 bytes of at most
// 255), so two pairs' four sums share one lane: lo0, all0, lo1, all1 from the low bits up.
CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i pack_pair_sums(const __m512i* acc,
                                                                      unsigned pairs) {
    const __m512i low_nibbles = _mm512_set1_epi8(0x0f);
    const __m512i zero = _mm512_setzero_si512();
    __m512i packed = zero;
#pragma GCC unroll 2
    for (unsigned k = 0; k < pairs; ++k) {
        const __m512i lo = _mm512_sad_epu8(_mm512_and_si512(acc[k], low_nibbles), zero);
        const __m512i all = _mm512_sad_epu8(acc[k], zero);
        packed = _mm512_or_si512(
            packed, shift_lanes_left(_mm512_or_si512(lo, shift_lanes_left(all, 16)), 32 * k));
    }
    return packed;
}

template <unsigned Bins>
CS_AVX512_TARGET [[gnu::always_inline]] inline void empty_nibble_counters(const __m512i* acc,
                                                                          std::uint64_t* counts) {
    constexpr unsigned kPairs = (Bins + 1) / 2;
    // One horizontal add per two pairs (pack_pair_sums()).
#pragma GCC unroll 2
    for (unsigned w = 0; w < (kPairs + 1) / 2; ++w) {
        const std::uint64_t sums =
            sum_lanes(pack_pair_sums(acc + 2 * w, std::min(2u, kPairs - 2 * w)));
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

// The vpshufb tables of add_to_nibble_counters(), one per pair of bins.
template <unsigned Bins>
CS_AVX512_TARGET [[gnu::always_inline]] inline void nibble_tables(__m512i* table) {
#pragma GCC unroll 4
    for (unsigned i = 0; i < (Bins + 1) / 2; ++i) {
        // vpshufb looks up within each 16-byte lane: the table repeats in all four.
        alignas(64) std::int8_t entries[64] = {};
        for (unsigned lane = 0; lane < 64; lane += 16) {
            entries[lane + 2 * i] = 1;
            if (2 * i + 1 < Bins) entries[lane + 2 * i + 1] = 16;
        }
        table[i] = _mm512_load_si512(entries);
    }
}

template <unsigned Bins, bool Overwrite>
CS_AVX512_TARGET void count_rows_nibbles_avx512(const std::int8_t* p, std::uint64_t rows,
                                                std::uint64_t len, std::uint64_t row_stride,
                                                std::int64_t* out) {
    constexpr unsigned kPairs = (Bins + 1) / 2;
    __m512i table[kPairs];
    nibble_tables<Bins>(table);
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

// Four bins (the allele count) over rows that empty their nibble counters once (up to 15
// vectors: the allele rows of 400 bytes), eight rows at a time. Each row's sums are packed into
// one vector as for one row; the eight vectors are then summed across their lanes together (a
// tree of unpacks and lane shuffles: 21 instructions for eight rows, where each row's own
// horizontal sum took 7), and the counts are split out of their 16-bit fields and written as
// rows in vector registers.
inline constexpr std::uint64_t kBatchedRowMaxLength = 15 * 64;

CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i shift_lanes_right(const __m512i& x,
                                                                         unsigned bits) {
    return _mm512_maskz_srli_epi64(0xff, x, bits);
}

// Zero-masked unpacks and lane shuffles, for the reason given at shift_lanes_left().
CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i unpack_low(const __m512i& a,
                                                                  const __m512i& b) {
    return _mm512_maskz_unpacklo_epi64(0xff, a, b);
}
CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i unpack_high(const __m512i& a,
                                                                   const __m512i& b) {
    return _mm512_maskz_unpackhi_epi64(0xff, a, b);
}
template <int Lanes>
CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i shuffle_lanes(const __m512i& a,
                                                                     const __m512i& b) {
    return _mm512_maskz_shuffle_i64x2(0xff, a, b, Lanes);
}

CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i add_pairs(const __m512i& a,
                                                                 const __m512i& b) {
    return _mm512_add_epi64(unpack_low(a, b), unpack_high(a, b));
}

// Adds 128-bit lanes 0+1 and 2+3 of a, then of b.
CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i fold_lanes(const __m512i& a,
                                                                  const __m512i& b) {
    return _mm512_add_epi64(shuffle_lanes<_MM_SHUFFLE(2, 0, 2, 0)>(a, b),
                            shuffle_lanes<_MM_SHUFFLE(3, 1, 3, 1)>(a, b));
}

// Lane i of the result: the sum of the eight lanes of rows[i].
CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i sum_lanes_of_eight(const __m512i* rows) {
    return fold_lanes(fold_lanes(add_pairs(rows[0], rows[1]), add_pairs(rows[2], rows[3])),
                      fold_lanes(add_pairs(rows[4], rows[5]), add_pairs(rows[6], rows[7])));
}

template <bool Overwrite>
CS_AVX512_TARGET [[gnu::always_inline]] inline void store_two_rows(std::int64_t* out,
                                                                   const __m512i& v) {
    if constexpr (Overwrite)
        _mm512_storeu_si512(out, v);
    else
        _mm512_storeu_si512(out, _mm512_add_epi64(_mm512_loadu_si512(out), v));
}

// `sums`: per row (lane) lo0, all0, lo1, all1 in 16-bit fields. Writes rows of 4 counts.
template <bool Overwrite>
CS_AVX512_TARGET [[gnu::always_inline]] inline void store_four_bin_rows(const __m512i& sums,
                                                                        std::int64_t* out) {
    const __m512i field = _mm512_set1_epi64(0xffff);
    const __m512i lo0 = _mm512_and_si512(sums, field);
    const __m512i all0 = _mm512_and_si512(shift_lanes_right(sums, 16), field);
    const __m512i lo1 = _mm512_and_si512(shift_lanes_right(sums, 32), field);
    const __m512i all1 = shift_lanes_right(sums, 48);
    const __m512i c1 = shift_lanes_right(_mm512_sub_epi64(all0, lo0), 4);
    const __m512i c3 = shift_lanes_right(_mm512_sub_epi64(all1, lo1), 4);
    // Even rows' (c0, c1) and (c2, c3) pairs, then odd rows'.
    const __m512i even01 = unpack_low(lo0, c1), odd01 = unpack_high(lo0, c1);
    const __m512i even23 = unpack_low(lo1, c3), odd23 = unpack_high(lo1, c3);
    const __m512i first = _mm512_set_epi64(11, 10, 3, 2, 9, 8, 1, 0);     // rows 0, 2 (1, 3)
    const __m512i second = _mm512_set_epi64(15, 14, 7, 6, 13, 12, 5, 4);  // rows 4, 6 (5, 7)
    const __m512i rows02 = _mm512_permutex2var_epi64(even01, first, even23);
    const __m512i rows13 = _mm512_permutex2var_epi64(odd01, first, odd23);
    const __m512i rows46 = _mm512_permutex2var_epi64(even01, second, even23);
    const __m512i rows57 = _mm512_permutex2var_epi64(odd01, second, odd23);
    store_two_rows<Overwrite>(out, shuffle_lanes<_MM_SHUFFLE(1, 0, 1, 0)>(rows02, rows13));
    store_two_rows<Overwrite>(out + 8, shuffle_lanes<_MM_SHUFFLE(3, 2, 3, 2)>(rows02, rows13));
    store_two_rows<Overwrite>(out + 16, shuffle_lanes<_MM_SHUFFLE(1, 0, 1, 0)>(rows46, rows57));
    store_two_rows<Overwrite>(out + 24, shuffle_lanes<_MM_SHUFFLE(3, 2, 3, 2)>(rows46, rows57));
}

template <bool Overwrite>
CS_AVX512_TARGET void count_rows_four_bins_batched(const std::int8_t* p, std::uint64_t rows,
                                                   std::uint64_t len, std::uint64_t row_stride,
                                                   std::int64_t* out) {
    __m512i table[2];
    nibble_tables<4>(table);
    const __m512i clamp = _mm512_set1_epi8(4);
    const std::uint64_t full = len / 64;
    const __mmask64 tail = len % 64 ? ~std::uint64_t{0} >> (64 - len % 64) : 0;
    std::uint64_t r = 0;
    for (; r + 8 <= rows; r += 8) {
        __m512i packed[8];
        for (unsigned k = 0; k < 8; ++k) {
            const std::int8_t* row = p + (r + k) * row_stride;
            __m512i acc[2] = {_mm512_setzero_si512(), _mm512_setzero_si512()};
            for (std::uint64_t v = 0; v < full; ++v)
                add_to_nibble_counters<4>(_mm512_loadu_si512(row + 64 * v), table, acc);
            if (tail)
                add_to_nibble_counters<4>(_mm512_mask_loadu_epi8(clamp, tail, row + 64 * full),
                                          table, acc);
            packed[k] = pack_pair_sums(acc, 2);
        }
        store_four_bin_rows<Overwrite>(sum_lanes_of_eight(packed), out + 4 * r);
    }
    if (r < rows)
        count_rows_nibbles_avx512<4, Overwrite>(p + r * row_stride, rows - r, len, row_stride,
                                                out + 4 * r);
}

// Four bins over rows of up to 32 bytes (an HDF5 chunk of (6553, 10, 2) gives rows of 20), 16
// rows at a time. Each row is read with one masked load into half a vector (the other lanes get
// 4, which counts nowhere), so a vector holds two rows. Per pair of bins a table lookup (vpshufb)
// gives 1 for the even bin and 64 for the odd one, and psadbw adds each 8 bytes into a 64-bit
// lane: a row's four lanes then hold c_even + 64 c_odd, at most 64 * 32, in 16 bits. The
// two pairs' sums share a lane (16 bits each) and two rows share it (32 bits each); one tree
// adds each row's four lanes for all 16 rows; the fields are split with a mask and a shift per
// 16-bit word and widened to 64 bits two rows at a time. Per row this is some nine vector
// instructions, where the compare kernel takes four compares, four mask moves, four popcnts and
// four read-modify-writes of the row's counts: 2.6 -> 1.3 ns per row of 20 (stand-alone, in L2,
// on the development machine).
inline constexpr std::uint64_t kShortRowMaxLength = 32;

// The two pairs' sums of rows `first` (low 256 bits) and `second` (high): per 64-bit lane, bins
// 0 and 1 in bits 0-15 and bins 2 and 3 in bits 16-31.
CS_AVX512_TARGET [[gnu::always_inline]] inline __m512i short_row_pair_sums(
    const std::int8_t* first, const std::int8_t* second, __mmask32 row_bytes,
    const __m512i* table) {
    const __m512i clamp = _mm512_set1_epi8(4);
    const __m512i x = _mm512_min_epu8(
        _mm512_maskz_inserti64x4(0xff, _mm512_mask_loadu_epi8(clamp, row_bytes, first),
                                 _mm256_mask_loadu_epi8(_mm256_set1_epi8(4), row_bytes, second), 1),
        clamp);
    const __m512i zero = _mm512_setzero_si512();
    const __m512i low_pair = _mm512_sad_epu8(_mm512_shuffle_epi8(table[0], x), zero);
    const __m512i high_pair = _mm512_sad_epu8(_mm512_shuffle_epi8(table[1], x), zero);
    return _mm512_or_si512(low_pair, shift_lanes_left(high_pair, 16));
}

template <bool Overwrite>
CS_AVX512_TARGET [[gnu::always_inline]] inline void store_row_counts(std::int64_t* out,
                                                                     const __m128i& counts) {
    store_two_rows<Overwrite>(out, _mm512_maskz_cvtepu16_epi64(0xff, counts));
}

template <bool Overwrite>
CS_AVX512_TARGET void count_short_rows_four_bins(const std::int8_t* p, std::uint64_t rows,
                                                 std::uint64_t len, std::uint64_t row_stride,
                                                 std::int64_t* out) {
    __m512i table[2];
    {
        alignas(64) std::int8_t entries[2][64] = {};
        for (unsigned lane = 0; lane < 64; lane += 16) {
            entries[0][lane] = 1;
            entries[0][lane + 1] = 64;
            entries[1][lane + 2] = 1;
            entries[1][lane + 3] = 64;
        }
        table[0] = _mm512_load_si512(entries[0]);
        table[1] = _mm512_load_si512(entries[1]);
    }
    const __mmask32 row_bytes = static_cast<__mmask32>(~std::uint64_t{0} >> (64 - len));
    const __m512i low6 = _mm512_set1_epi16(63);
    std::uint64_t r = 0;
    for (; r + 16 <= rows; r += 16) {
        const std::int8_t* block = p + r * row_stride;
        const auto row = [&](unsigned k) { return block + k * row_stride; };
        // packed[q]: rows 4q, 4q + 2 (from the first vector) in the low 32 bits of its lanes and
        // rows 4q + 1, 4q + 3 in the high 32, so that a lane's two rows are consecutive.
        __m512i packed[4];
        for (unsigned q = 0; q < 4; ++q) {
            const __m512i even = short_row_pair_sums(row(4 * q), row(4 * q + 2), row_bytes, table);
            const __m512i odd =
                short_row_pair_sums(row(4 * q + 1), row(4 * q + 3), row_bytes, table);
            packed[q] = _mm512_or_si512(even, shift_lanes_left(odd, 32));
        }
        // Lanes: rows (0, 1), (4, 5), (2, 3), (6, 7), (8, 9), (12, 13), (10, 11), (14, 15),
        // each the sum of its four lanes in packed[] (see fold_lanes()).
        const __m512i sums =
            fold_lanes(add_pairs(packed[0], packed[1]), add_pairs(packed[2], packed[3]));
        // Words per row: c0 + 64 c1, c2 + 64 c3. Interleaving the low six bits with the rest
        // gives c0, c1, c2, c3: unpacklo takes each 128-bit lane's first 64-bit lane, unpackhi
        // its second.
        const __m512i even_bins = _mm512_and_si512(sums, low6);
        const __m512i odd_bins = _mm512_maskz_srli_epi16(~__mmask32{0}, sums, 6);
        const __m512i first = _mm512_maskz_unpacklo_epi16(~__mmask32{0}, even_bins, odd_bins);
        const __m512i second = _mm512_maskz_unpackhi_epi16(~__mmask32{0}, even_bins, odd_bins);
        std::int64_t* o = out + 4 * r;
        store_row_counts<Overwrite>(o, _mm512_maskz_extracti32x4_epi32(0xf, first, 0));
        store_row_counts<Overwrite>(o + 4 * 2, _mm512_maskz_extracti32x4_epi32(0xf, first, 1));
        store_row_counts<Overwrite>(o + 4 * 8, _mm512_maskz_extracti32x4_epi32(0xf, first, 2));
        store_row_counts<Overwrite>(o + 4 * 10, _mm512_maskz_extracti32x4_epi32(0xf, first, 3));
        store_row_counts<Overwrite>(o + 4 * 4, _mm512_maskz_extracti32x4_epi32(0xf, second, 0));
        store_row_counts<Overwrite>(o + 4 * 6, _mm512_maskz_extracti32x4_epi32(0xf, second, 1));
        store_row_counts<Overwrite>(o + 4 * 12, _mm512_maskz_extracti32x4_epi32(0xf, second, 2));
        store_row_counts<Overwrite>(o + 4 * 14, _mm512_maskz_extracti32x4_epi32(0xf, second, 3));
    }
    for (; r < rows; ++r) count_bins_avx512<4, Overwrite>(p + r * row_stride, len, out + 4 * r);
}

template <unsigned Bins, bool Overwrite>
CS_AVX512_TARGET void count_rows_avx512(const std::int8_t* p, std::uint64_t rows, std::uint64_t len,
                                        std::uint64_t row_stride, std::int64_t* out) {
    if constexpr (Bins == 4) {
        if (len >= kNibbleKernelMinLength && len <= kBatchedRowMaxLength)
            return count_rows_four_bins_batched<Overwrite>(p, rows, len, row_stride, out);
        if (len > 0 && len <= kShortRowMaxLength)
            return count_short_rows_four_bins<Overwrite>(p, rows, len, row_stride, out);
    }
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
