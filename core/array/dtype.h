// Element types, described the way NumPy (and so Zarr v2 and .npy) describes them: a kind, an
// item size and a byte order. HDF5 and Zarr v3 types map onto the same struct.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/json/json.h"
#include "core/util/result.h"

namespace cs {

enum class DTypeKind {
    Bool,        // |b1
    Int,         // i1 i2 i4 i8
    UInt,        // u1 u2 u4 u8
    Float,       // f2 f4 f8
    Complex,     // c8 c16
    DateTime,    // M8[unit], stored as int64
    TimeDelta,   // m8[unit], stored as int64
    Bytes,       // S<n>: fixed-length byte strings
    Unicode,     // U<n>: fixed-length UCS-4 strings, 4 bytes per character
    Structured,  // records, kept as raw bytes; `structured_descr` holds NumPy's descr list
    Object,      // |O: variable-length values through an object codec (vlen-utf8), read-only
    Raw,         // Zarr v3 r<bits>: opaque bytes
};

enum class Endian { Little, Big, NotApplicable };

// The element types the engine computes on.
enum class ScalarType { Bool, I8, I16, I32, I64, U8, U16, U32, U64, F16, F32, F64, C64, C128 };

struct DType {
    DTypeKind kind = DTypeKind::UInt;
    std::size_t itemsize = 1;  // bytes per element
    Endian endian = Endian::NotApplicable;
    std::string datetime_unit;  // "ns", "D", "10s" for M8/m8
    Json structured_descr;      // NumPy descr list for Structured, e.g. [["a","<i4"],["b","<f8"]]

    // "<i4", "|b1", ">f8", "<M8[ns]", "|S5", "<U3", "|V12" (structured as a void of its size).
    std::string numpy_typestr() const;
    // What Zarr v2 writes in "dtype": the typestr, or the descr list for structured types.
    Json to_zarr_json() const;
    // NumPy's name: "int32", "float64", "bool", "|S5", "<U3", "datetime64[ns]".
    std::string display_name() const;
    // nullopt for kinds the engine does not compute on (strings, records, datetimes, raw).
    std::optional<ScalarType> scalar_type() const;
    // True when the stored byte order differs from this machine's (little-endian).
    bool needs_byteswap() const { return endian == Endian::Big && itemsize > 1; }
    DType with_native_order() const;

    friend bool operator==(const DType&, const DType&) = default;

    // Parses a NumPy dtype as Zarr v2 stores it: a typestr ("<i4") or a structured list.
    static Result<DType> from_numpy(const Json& descr);
    static DType scalar(ScalarType type, Endian endian = Endian::Little);
};

std::size_t scalar_size(ScalarType type);
const char* scalar_name(ScalarType type);  // "int32", "float64", ...

}  // namespace cs
