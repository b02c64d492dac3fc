// IEEE 754 binary16 (NumPy's float16) <-> binary32 and binary64, bit for bit as NumPy converts
// them: round to nearest, ties to even (from a double directly, never twice through a float);
// overflow to infinity; subnormals kept; a NaN keeps its sign and the top bits of its payload and
// stays a NaN. Only integer operations on the bits: signalling NaNs pass through unchanged and the
// floating-point rounding mode does not matter. NumPy computes float16 arithmetic in float32 and
// rounds back, and so do the delta codec and the engine.
#pragma once

#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace cs {

namespace half_detail {

// The bit layout of the wider format (float or double).
template <class Float>
struct Wide {
    using Bits = std::conditional_t<sizeof(Float) == 4, std::uint32_t, std::uint64_t>;
    static constexpr int kMantissa = std::numeric_limits<Float>::digits - 1;    // 23, 52
    static constexpr int kBias = std::numeric_limits<Float>::max_exponent - 1;  // 127, 1023
    static constexpr std::uint32_t kExpMax = 2 * kBias + 1;                     // 0xff, 0x7ff
    static_assert(std::numeric_limits<Float>::is_iec559 && sizeof(Bits) == sizeof(Float));
};

template <class Float>
constexpr Float from_half(std::uint16_t h) {
    using W = Wide<Float>;
    using Bits = typename W::Bits;
    constexpr int kShift = W::kMantissa - 10;  // mantissa bits the wider format has in addition
    const Bits sign = Bits{static_cast<Bits>(h >> 15)} << (sizeof(Bits) * 8 - 1);
    const std::uint32_t exp = (h >> 10) & 0x1fu;
    Bits mant = h & 0x3ffu;
    if (exp == 0x1f)  // inf, nan (payload kept)
        return std::bit_cast<Float>(sign | (Bits{W::kExpMax} << W::kMantissa) | (mant << kShift));
    if (exp != 0)
        return std::bit_cast<Float>(sign | (Bits{exp + W::kBias - 15} << W::kMantissa) |
                                    (mant << kShift));
    if (mant == 0) return std::bit_cast<Float>(sign);  // signed zero
    // Subnormal half: normalise into the wider format.
    Bits e = W::kBias - 14;
    while ((mant & 0x400u) == 0) {
        mant <<= 1;
        --e;
    }
    return std::bit_cast<Float>(sign | (e << W::kMantissa) | ((mant & 0x3ffu) << kShift));
}

template <class Float>
constexpr std::uint16_t to_half(Float f) {
    using W = Wide<Float>;
    using Bits = typename W::Bits;
    constexpr int kShift = W::kMantissa - 10;
    const Bits x = std::bit_cast<Bits>(f);
    const auto sign = static_cast<std::uint16_t>((x >> (sizeof(Bits) * 8 - 16)) & 0x8000u);
    const auto exp = static_cast<std::uint32_t>(x >> W::kMantissa) & W::kExpMax;
    const Bits mant = x & ((Bits{1} << W::kMantissa) - 1);
    if (exp == W::kExpMax) {  // inf stays inf; nan keeps its top payload bits and stays a nan
        if (mant == 0) return sign | 0x7c00u;
        const auto payload = static_cast<std::uint16_t>(mant >> kShift);
        return sign | 0x7c00u | (payload != 0 ? payload : 1u);
    }
    const int e = static_cast<int>(exp) - W::kBias + 15;
    if (e >= 0x1f) return sign | 0x7c00u;  // overflow to inf
    if (e <= 0) {
        if (e < -10) return sign;  // underflows to zero even after rounding
        // Subnormal: shift the full significand (with its implicit bit) into place and round.
        const Bits m = mant | (Bits{1} << W::kMantissa);
        const int shift = kShift + 1 - e;
        Bits half_mant = m >> shift;
        const Bits rest = m & ((Bits{1} << shift) - 1);
        const Bits halfway = Bits{1} << (shift - 1);
        if (rest > halfway || (rest == halfway && (half_mant & 1u))) ++half_mant;
        return static_cast<std::uint16_t>(sign | half_mant);
    }
    Bits h = (Bits{static_cast<std::uint32_t>(e)} << 10) | (mant >> kShift);
    const Bits rest = mant & ((Bits{1} << kShift) - 1);
    const Bits halfway = Bits{1} << (kShift - 1);
    // A carry out of the mantissa correctly bumps the exponent, up to inf.
    if (rest > halfway || (rest == halfway && (h & 1u))) ++h;
    return static_cast<std::uint16_t>(sign | h);
}

}  // namespace half_detail

constexpr float half_to_float(std::uint16_t h) {
    return half_detail::from_half<float>(h);
}
constexpr double half_to_double(std::uint16_t h) {
    return half_detail::from_half<double>(h);
}
constexpr std::uint16_t float_to_half(float f) {
    return half_detail::to_half(f);
}
constexpr std::uint16_t double_to_half(double d) {
    return half_detail::to_half(d);
}

}  // namespace cs
