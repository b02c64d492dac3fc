#include "core/codec/delta_dtype.h"

#include <algorithm>
#include <array>

namespace cs {
namespace {

struct NamedScalar {
    std::string_view code;  // kind and size, "i4"
    std::string_view name;  // numpy's name, "int32"
    DeltaScalar scalar;
    std::size_t size;
};

constexpr std::array kScalars{
    NamedScalar{"i1", "int8", DeltaScalar::I8, 1},
    NamedScalar{"i2", "int16", DeltaScalar::I16, 2},
    NamedScalar{"i4", "int32", DeltaScalar::I32, 4},
    NamedScalar{"i8", "int64", DeltaScalar::I64, 8},
    NamedScalar{"u1", "uint8", DeltaScalar::U8, 1},
    NamedScalar{"u2", "uint16", DeltaScalar::U16, 2},
    NamedScalar{"u4", "uint32", DeltaScalar::U32, 4},
    NamedScalar{"u8", "uint64", DeltaScalar::U64, 8},
    NamedScalar{"f2", "float16", DeltaScalar::F16, 2},
    NamedScalar{"f4", "float32", DeltaScalar::F32, 4},
    NamedScalar{"f8", "float64", DeltaScalar::F64, 8},
};

std::size_t size_of(DeltaScalar s) {
    for (const auto& n : kScalars) {
        if (n.scalar == s) return n.size;
    }
    return 1;
}

bool is_signed(DeltaScalar s) {
    return s == DeltaScalar::I8 || s == DeltaScalar::I16 || s == DeltaScalar::I32 ||
           s == DeltaScalar::I64;
}

DeltaScalar signed_of_size(std::size_t size) {
    return size == 1   ? DeltaScalar::I8
           : size == 2 ? DeltaScalar::I16
           : size == 4 ? DeltaScalar::I32
                       : DeltaScalar::I64;
}

DeltaScalar float_of_size(std::size_t size) {
    return size <= 2 ? DeltaScalar::F16 : size == 4 ? DeltaScalar::F32 : DeltaScalar::F64;
}

}  // namespace

bool is_float(DeltaScalar s) {
    return s == DeltaScalar::F16 || s == DeltaScalar::F32 || s == DeltaScalar::F64;
}

DeltaScalar promote(DeltaScalar a, DeltaScalar b) {
    const std::size_t sa = size_of(a);
    const std::size_t sb = size_of(b);
    if (is_float(a) && is_float(b)) return sa >= sb ? a : b;
    if (is_float(a) || is_float(b)) {
        // An integer of n bytes needs a float of 2n bytes (int8 -> float16, int32 -> float64).
        const std::size_t int_size = is_float(a) ? sb : sa;
        const std::size_t float_size = is_float(a) ? sa : sb;
        return float_of_size(std::max(float_size, std::min<std::size_t>(2 * int_size, 8)));
    }
    if (is_signed(a) == is_signed(b)) return sa >= sb ? a : b;
    const std::size_t s_signed = is_signed(a) ? sa : sb;
    const std::size_t s_unsigned = is_signed(a) ? sb : sa;
    if (s_signed > s_unsigned) return is_signed(a) ? a : b;
    if (s_unsigned < 8) return signed_of_size(2 * s_unsigned);
    return DeltaScalar::F64;  // uint64 with any signed integer: NumPy gives float64
}

std::string DeltaDType::str() const {
    for (const auto& s : kScalars) {
        if (s.scalar == scalar) {
            const char order = size == 1 ? '|' : big_endian ? '>' : '<';
            return order + std::string(s.code);
        }
    }
    return "?";
}

Result<DeltaDType> DeltaDType::parse(std::string_view text, std::string_view key) {
    std::string_view code = text;
    bool big = false;
    if (!code.empty() && (code[0] == '<' || code[0] == '>' || code[0] == '|' || code[0] == '=')) {
        big = code[0] == '>';
        code.remove_prefix(1);
    }
    for (const auto& s : kScalars) {
        if (code == s.code || (code == s.name && code.size() == text.size())) {
            return DeltaDType{s.scalar, s.size, big && s.size > 1};
        }
    }
    return fail(ErrorCode::InvalidArgument, "delta codec: '" + std::string(key) + "' is '" +
                                                std::string(text) +
                                                "', expected an integer or float dtype such as "
                                                "\"<i4\" or \"<f8\"");
}

}  // namespace cs
