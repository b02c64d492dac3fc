#include "core/engine/ops/bincount_kernels.h"

#include <immintrin.h>

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

template <unsigned Bins, bool Overwrite>
CS_AVX512_TARGET void count_rows_avx512(const std::int8_t* p, std::uint64_t rows, std::uint64_t len,
                                        std::uint64_t row_stride, std::int64_t* out) {
    for (std::uint64_t r = 0; r < rows; ++r)
        count_bins_avx512<Bins, Overwrite>(p + r * row_stride, len, out + r * Bins);
}

template <bool Overwrite>
CS_AVX512_TARGET void count_rows_avx512(const std::int8_t* p, std::uint64_t rows, std::uint64_t len,
                                        std::uint64_t row_stride, std::int64_t* out,
                                        std::uint32_t bins) {
    switch (bins) {
        case 1:
            return count_rows_avx512<1, Overwrite>(p, rows, len, row_stride, out);
        case 2:
            return count_rows_avx512<2, Overwrite>(p, rows, len, row_stride, out);
        case 3:
            return count_rows_avx512<3, Overwrite>(p, rows, len, row_stride, out);
        case 4:
            return count_rows_avx512<4, Overwrite>(p, rows, len, row_stride, out);
        case 5:
            return count_rows_avx512<5, Overwrite>(p, rows, len, row_stride, out);
        case 6:
            return count_rows_avx512<6, Overwrite>(p, rows, len, row_stride, out);
        case 7:
            return count_rows_avx512<7, Overwrite>(p, rows, len, row_stride, out);
        default:
            return count_rows_avx512<8, Overwrite>(p, rows, len, row_stride, out);
    }
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
