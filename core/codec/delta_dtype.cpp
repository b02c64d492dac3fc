#include "core/codec/delta_dtype.h"

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

}  // namespace

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
