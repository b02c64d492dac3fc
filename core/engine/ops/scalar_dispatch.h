// Calls a generic lambda with a value of the C++ type that holds one element of a ScalarType,
// so kernels are written once as templates over the element type. Bool is read as uint8_t
// (0 or 1); float16 through the Half wrapper, converted to float on read.
#pragma once

#include <cstdint>
#include <cstring>
#include <utility>

#include "core/array/dtype.h"

namespace cs::engine {

// IEEE 754 binary16, converted exactly to float and rounded to nearest-even from float.
struct Half {
    std::uint16_t bits = 0;
    static float to_float(std::uint16_t h);
    static std::uint16_t from_float(float f);
    explicit operator double() const { return to_float(bits); }
    explicit operator float() const { return to_float(bits); }
};

// What a reduction accumulates an element type in: 64-bit integers for integer and bool types,
// double for floating types.
template <class T>
using AccumulatorOf =
    std::conditional_t<std::is_same_v<T, Half> || std::is_floating_point_v<T>, double,
                       std::conditional_t<std::is_signed_v<T>, std::int64_t, std::uint64_t>>;

template <class T>
inline constexpr bool kIsFloatElement = std::is_same_v<T, Half> || std::is_floating_point_v<T>;

// f(T{}) for the element type of `type`; returns false for complex types (not computed on).
template <class F>
bool dispatch_scalar(ScalarType type, F&& f) {
    switch (type) {
        case ScalarType::Bool:
            f(std::uint8_t{});
            return true;
        case ScalarType::U8:
            f(std::uint8_t{});
            return true;
        case ScalarType::U16:
            f(std::uint16_t{});
            return true;
        case ScalarType::U32:
            f(std::uint32_t{});
            return true;
        case ScalarType::U64:
            f(std::uint64_t{});
            return true;
        case ScalarType::I8:
            f(std::int8_t{});
            return true;
        case ScalarType::I16:
            f(std::int16_t{});
            return true;
        case ScalarType::I32:
            f(std::int32_t{});
            return true;
        case ScalarType::I64:
            f(std::int64_t{});
            return true;
        case ScalarType::F16:
            f(Half{});
            return true;
        case ScalarType::F32:
            f(float{});
            return true;
        case ScalarType::F64:
            f(double{});
            return true;
        case ScalarType::C64:
        case ScalarType::C128:
            return false;
    }
    return false;
}

// Element `i` of a native-order buffer, converted to double.
template <class T>
inline double load_as_double(const std::uint8_t* data, std::size_t i) {
    T v;
    std::memcpy(&v, data + i * sizeof(T), sizeof(T));
    return static_cast<double>(v);
}

// Writes `v` converted to T (float16 rounded) as element `i`.
template <class T>
inline void store_from_double(std::uint8_t* data, std::size_t i, double v) {
    if constexpr (std::is_same_v<T, Half>) {
        const std::uint16_t h = Half::from_float(static_cast<float>(v));
        std::memcpy(data + i * 2, &h, 2);
    } else {
        const T t = static_cast<T>(v);
        std::memcpy(data + i * sizeof(T), &t, sizeof(T));
    }
}

}  // namespace cs::engine
