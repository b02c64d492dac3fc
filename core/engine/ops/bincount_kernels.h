// bincount of rows of single-byte values (int8, uint8, bool) into at most 8 bins: the kernel the
// allele-count workloads spend their compute in.
// - Long rows: per bin a vector of byte-wide counters (a compare gives -1 in matching lanes,
//   subtracting it counts), emptied into the 64-bit totals every 255 steps, before they wrap.
//   32-byte vectors where the CPU has AVX2 (chosen at run time), 16-byte (SSE2) otherwise.
// - Where the CPU has AVX-512BW and VL (chosen at run time; "AVX-512" below), rows under 256
//   bytes: a compare per bin gives a 64-bit mask of the matching bytes and popcnt counts it, so
//   there are no byte counters to empty; a row's tail is one masked load. 1.8x the packed kernel on
//   rows of 20 (measured on the Zen 4 development machine).
// - With AVX-512, rows of 256 bytes and more: a table lookup (vpshufb) per pair of bins adds
//   one to a nibble counter per bin, emptied every 15 vectors. 1.5x the compare kernel on rows of
//   400 with 4 bins (the allele count of a Zarr chunk), 2x on rows of 1,530; the comment in
//   bincount_kernels.cpp says why it stops at 256. With four bins and rows of up to 960 bytes
//   (the allele rows of 400), eight rows share one sum across lanes and are written from vector
//   registers: 14 -> 9-12 ns per 400-byte row in L2 (stand-alone, development machine).
// - With AVX-512 and four bins, rows of up to 32 bytes (an HDF5 chunk of (6553, 10, 2) gives
//   rows of 20): two rows to a vector, a table lookup and psadbw per pair of bins, 16 rows
//   summed across lanes together; 2x the compare kernel on rows of 20.
// - Short rows without AVX-512 and tails: eight byte-wide counters packed in one 64-bit word,
//   one table load and one add per value.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include <emmintrin.h>

namespace cs::engine {

// kPackedBinOne[v] has a 1 in byte v for v < 8 and is 0 otherwise (negative values, 8 and up).
inline constexpr auto kPackedBinOne = [] {
    std::array<std::uint64_t, 256> t{};
    for (unsigned v = 0; v < 8; ++v) t[v] = std::uint64_t{1} << (8 * v);
    return t;
}();

template <unsigned Bins>
inline void count_bins_scalar(const std::int8_t* p, std::uint64_t len, std::int64_t* row) {
    static_assert(Bins >= 1 && Bins <= 8);
    std::uint64_t j = 0;
    while (j < len) {
        const std::uint64_t end = std::min<std::uint64_t>(len, j + 255);
        // Two words, so consecutive adds do not wait on each other.
        std::uint64_t a = 0, b = 0;
        for (; j + 2 <= end; j += 2) {
            a += kPackedBinOne[static_cast<std::uint8_t>(p[j])];
            b += kPackedBinOne[static_cast<std::uint8_t>(p[j + 1])];
        }
        if (j < end) a += kPackedBinOne[static_cast<std::uint8_t>(p[j++])];
        // a and b each counted at most 128 values per bin: their byte lanes add without carry.
        const std::uint64_t counts = a + b;
        for (unsigned v = 0; v < Bins; ++v)
            row[v] += static_cast<std::int64_t>((counts >> (8 * v)) & 0xff);
    }
}

using ByteVector16 = std::int8_t __attribute__((vector_size(16)));
using ByteVector32 = std::int8_t __attribute__((vector_size(32)));

// Sum of the 16 or 32 byte counters of a vector: psadbw against zero adds each 8 bytes into a
// 64-bit lane in one instruction (SSE2, so usable on every x86-64). Summing lane by lane instead
// (and zeroing the counters through memory) took most of the kernel's time on rows of 1,530.
// By reference: a 32-byte vector passed by value changes the ABI without AVX (-Wpsabi), which
// an unoptimised (debug, sanitizer) build does not inline away.
[[gnu::always_inline]] inline std::uint64_t sum_bytes(const ByteVector16& v) {
    const __m128i s = _mm_sad_epu8(reinterpret_cast<__m128i>(v), _mm_setzero_si128());
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(s)) +
           static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(s, s)));
}
[[gnu::always_inline]] inline std::uint64_t sum_bytes(const ByteVector32& v) {
    ByteVector16 low, high;
    std::memcpy(&low, &v, 16);
    std::memcpy(&high, reinterpret_cast<const char*>(&v) + 16, 16);
    return sum_bytes(low) + sum_bytes(high);
}

// Always inlined, so that inside a function compiled for AVX2 the 32-byte vectors are AVX2
// registers (outside one, GCC splits them into SSE2 halves).
template <class Vec, unsigned Bins>
[[gnu::always_inline]] inline void count_bins_vector(const std::int8_t* p, std::uint64_t len,
                                                     std::int64_t* row) {
    constexpr unsigned kWidth = sizeof(Vec);
    if (len < 64) {  // too short to pay for the vector counters' horizontal sums
        count_bins_scalar<Bins>(p, len, row);
        return;
    }
    std::uint64_t j = 0;
    while (j + kWidth <= len) {
        Vec acc[Bins] = {};
        const std::uint64_t end = std::min<std::uint64_t>(len, j + kWidth * 255);
        for (; j + kWidth <= end; j += kWidth) {
            Vec x;
            std::memcpy(&x, p + j, kWidth);
            for (unsigned v = 0; v < Bins; ++v) acc[v] -= (x == static_cast<std::int8_t>(v));
        }
        for (unsigned v = 0; v < Bins; ++v) row[v] += static_cast<std::int64_t>(sum_bytes(acc[v]));
    }
    count_bins_scalar<Bins>(p + j, len - j, row);
}

template <class Vec>
[[gnu::always_inline]] inline void count_small_bins_with(const std::int8_t* p, std::uint64_t len,
                                                         std::int64_t* row, std::uint32_t bins) {
    switch (bins) {
        case 1:
            return count_bins_vector<Vec, 1>(p, len, row);
        case 2:
            return count_bins_vector<Vec, 2>(p, len, row);
        case 3:
            return count_bins_vector<Vec, 3>(p, len, row);
        case 4:
            return count_bins_vector<Vec, 4>(p, len, row);
        case 5:
            return count_bins_vector<Vec, 5>(p, len, row);
        case 6:
            return count_bins_vector<Vec, 6>(p, len, row);
        case 7:
            return count_bins_vector<Vec, 7>(p, len, row);
        default:
            return count_bins_vector<Vec, 8>(p, len, row);
    }
}

// Values 0..bins-1 of a row of `len` bytes added to row[0..bins-1], for 1 <= bins <= 8. Values
// outside 0..bins-1 count nowhere.
void count_small_bins_sse2(const std::int8_t* p, std::uint64_t len, std::int64_t* row,
                           std::uint32_t bins);
void count_small_bins_avx2(const std::int8_t* p, std::uint64_t len, std::int64_t* row,
                           std::uint32_t bins);  // only where cpu_has_avx2()
void count_small_bins_avx512(const std::int8_t* p, std::uint64_t len, std::int64_t* row,
                             std::uint32_t bins);  // only where cpu_has_avx512bw()
bool cpu_has_avx2();
bool cpu_has_avx512bw();

// `rows` rows of `len` bytes, row r at p + r * row_stride, counted into out[r * bins ...] for
// 1 <= bins <= 8: added, or with `overwrite` written over whatever `out` held (so a fresh
// partial needs no zero fill first). One call per chunk: a call per row cost more than the
// counting itself on HDF5's rows of 20 bytes.
void count_small_bins_rows(const std::int8_t* p, std::uint64_t rows, std::uint64_t len,
                           std::uint64_t row_stride, std::int64_t* out, std::uint32_t bins,
                           bool overwrite);

inline void count_small_bins(const std::int8_t* p, std::uint64_t len, std::int64_t* row,
                             std::uint32_t bins) {
    static const bool avx512 = cpu_has_avx512bw();
    static const bool avx2 = cpu_has_avx2();
    if (avx512)
        count_small_bins_avx512(p, len, row, bins);
    else if (avx2 && len >= 64)
        count_small_bins_avx2(p, len, row, bins);
    else if (len >= 64)
        count_small_bins_sse2(p, len, row, bins);
    else
        count_small_bins_with<ByteVector16>(p, len, row, bins);  // the packed scalar path
}

}  // namespace cs::engine
