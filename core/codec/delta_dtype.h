// The element types the delta filter works on, parsed from NumPy dtype strings as numcodecs'
// Delta accepts them ("<i4", "|u1", ">f8", "i2", "int16") and written back as numpy's dtype.str.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace cs {

enum class DeltaScalar { I8, I16, I32, I64, U8, U16, U32, U64, F16, F32, F64 };

bool is_float(DeltaScalar s);
// np.promote_types for two of these scalars: the type NumPy's cumsum(enc, out=dec) adds in.
DeltaScalar promote(DeltaScalar a, DeltaScalar b);

struct DeltaDType {
    DeltaScalar scalar = DeltaScalar::U8;
    std::size_t size = 1;
    bool big_endian = false;

    // numpy's dtype.str: "|i1", "<i4", ">f8".
    std::string str() const;

    // InvalidArgument naming `key` for anything but an integer or float dtype.
    static Result<DeltaDType> parse(std::string_view text, std::string_view key);
};

}  // namespace cs
