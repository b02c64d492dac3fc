// IEEE 754 binary16 <-> binary32, as NumPy's float16 does it (round to nearest, ties to even).
// NumPy computes float16 arithmetic in float32 and rounds back, and so does the delta codec.
#pragma once

#include <bit>
#include <cstdint>

namespace cs {

inline float half_to_float(std::uint16_t h) {
    const std::uint32_t sign = std::uint32_t{h & 0x8000u} << 16;
    const std::uint32_t exp = (h >> 10) & 0x1fu;
    std::uint32_t mant = h & 0x3ffu;
    if (exp == 0x1f) return std::bit_cast<float>(sign | 0x7f800000u | (mant << 13));  // inf, nan
    if (exp != 0) return std::bit_cast<float>(sign | ((exp + 112) << 23) | (mant << 13));
    if (mant == 0) return std::bit_cast<float>(sign);  // signed zero
    // Subnormal half: normalise into a float.
    std::uint32_t e = 113;
    while ((mant & 0x400u) == 0) {
        mant <<= 1;
        --e;
    }
    return std::bit_cast<float>(sign | (e << 23) | ((mant & 0x3ffu) << 13));
}

inline std::uint16_t float_to_half(float f) {
    const std::uint32_t x = std::bit_cast<std::uint32_t>(f);
    const auto sign = static_cast<std::uint16_t>((x >> 16) & 0x8000u);
    const std::uint32_t exp = (x >> 23) & 0xffu;
    const std::uint32_t mant = x & 0x7fffffu;
    if (exp == 0xff) {  // inf stays inf; nan keeps its top payload bits and stays a nan
        if (mant == 0) return sign | 0x7c00u;
        const auto payload = static_cast<std::uint16_t>(mant >> 13);
        return sign | 0x7c00u | (payload != 0 ? payload : 1u);
    }
    const int e = static_cast<int>(exp) - 127 + 15;
    if (e >= 0x1f) return sign | 0x7c00u;  // overflow to inf
    if (e <= 0) {
        if (e < -10) return sign;  // underflows to zero even after rounding
        // Subnormal: shift the full significand (with its implicit bit) into place and round.
        const std::uint32_t m = mant | 0x800000u;
        const int shift = 14 - e;
        std::uint32_t half_mant = m >> shift;
        const std::uint32_t rest = m & ((1u << shift) - 1);
        const std::uint32_t halfway = 1u << (shift - 1);
        if (rest > halfway || (rest == halfway && (half_mant & 1u))) ++half_mant;
        return static_cast<std::uint16_t>(sign | half_mant);
    }
    std::uint32_t h = (static_cast<std::uint32_t>(e) << 10) | (mant >> 13);
    const std::uint32_t rest = mant & 0x1fffu;
    // A carry out of the mantissa correctly bumps the exponent, up to inf.
    if (rest > 0x1000u || (rest == 0x1000u && (h & 1u))) ++h;
    return static_cast<std::uint16_t>(sign | h);
}

}  // namespace cs
