#include "core/array/dtype.h"

#include <cctype>
#include <charconv>

namespace cs {

namespace {

struct ScalarInfo {
    ScalarType type;
    DTypeKind kind;
    std::size_t size;
    const char* name;
};

constexpr ScalarInfo kScalars[] = {
    {ScalarType::Bool, DTypeKind::Bool, 1, "bool"},
    {ScalarType::I8, DTypeKind::Int, 1, "int8"},
    {ScalarType::I16, DTypeKind::Int, 2, "int16"},
    {ScalarType::I32, DTypeKind::Int, 4, "int32"},
    {ScalarType::I64, DTypeKind::Int, 8, "int64"},
    {ScalarType::U8, DTypeKind::UInt, 1, "uint8"},
    {ScalarType::U16, DTypeKind::UInt, 2, "uint16"},
    {ScalarType::U32, DTypeKind::UInt, 4, "uint32"},
    {ScalarType::U64, DTypeKind::UInt, 8, "uint64"},
    {ScalarType::F16, DTypeKind::Float, 2, "float16"},
    {ScalarType::F32, DTypeKind::Float, 4, "float32"},
    {ScalarType::F64, DTypeKind::Float, 8, "float64"},
    {ScalarType::C64, DTypeKind::Complex, 8, "complex64"},
    {ScalarType::C128, DTypeKind::Complex, 16, "complex128"},
};

char kind_char(DTypeKind k) {
    switch (k) {
        case DTypeKind::Bool: return 'b';
        case DTypeKind::Int: return 'i';
        case DTypeKind::UInt: return 'u';
        case DTypeKind::Float: return 'f';
        case DTypeKind::Complex: return 'c';
        case DTypeKind::DateTime: return 'M';
        case DTypeKind::TimeDelta: return 'm';
        case DTypeKind::Bytes: return 'S';
        case DTypeKind::Unicode: return 'U';
        case DTypeKind::Structured: return 'V';
        case DTypeKind::Object: return 'O';
        case DTypeKind::Raw: return 'V';
    }
    return 'V';
}

char endian_char(const DType& d) {
    if (d.endian == Endian::Big) return '>';
    if (d.endian == Endian::Little) return '<';
    return '|';
}

Result<DType> parse_typestr(const std::string& s) {
    auto bad = [&](const std::string& why) {
        return fail(ErrorCode::Unsupported, "unsupported dtype \"" + s + "\": " + why);
    };
    if (s.size() < 2) return bad("too short");
    DType d;
    std::size_t pos = 0;
    if (s[0] == '<' || s[0] == '>' || s[0] == '|' || s[0] == '=') {
        d.endian = s[0] == '>' ? Endian::Big : s[0] == '<' ? Endian::Little : Endian::NotApplicable;
        pos = 1;
    }
    const char kc = s[pos++];
    std::size_t n = 0;
    const char* first = s.data() + pos;
    const char* last = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(first, last, n);
    if (kc == 'O') {
        d.kind = DTypeKind::Object;
        d.itemsize = 8;
        d.endian = Endian::NotApplicable;
        return d;
    }
    if (ec != std::errc() || ptr == first) return bad("no item size");
    std::string rest(ptr, last);
    switch (kc) {
        case 'b': d.kind = DTypeKind::Bool; break;
        case 'i': d.kind = DTypeKind::Int; break;
        case 'u': d.kind = DTypeKind::UInt; break;
        case 'f': d.kind = DTypeKind::Float; break;
        case 'c': d.kind = DTypeKind::Complex; break;
        case 'M': d.kind = DTypeKind::DateTime; break;
        case 'm': d.kind = DTypeKind::TimeDelta; break;
        case 'S': d.kind = DTypeKind::Bytes; break;
        case 'U': d.kind = DTypeKind::Unicode; break;
        case 'V': d.kind = DTypeKind::Structured; break;
        default: return bad(std::string("unknown kind '") + kc + "'");
    }
    d.itemsize = d.kind == DTypeKind::Unicode ? n * 4 : n;
    if (d.kind == DTypeKind::DateTime || d.kind == DTypeKind::TimeDelta) {
        if (n != 8) return bad("datetime types are 8 bytes");
        if (rest.size() < 3 || rest.front() != '[' || rest.back() != ']') return bad("missing [unit]");
        d.datetime_unit = rest.substr(1, rest.size() - 2);
        rest.clear();
    }
    if (!rest.empty()) return bad("trailing characters");
    const bool fixed = d.kind == DTypeKind::Bool || d.kind == DTypeKind::Int ||
                       d.kind == DTypeKind::UInt || d.kind == DTypeKind::Float ||
                       d.kind == DTypeKind::Complex;
    if (fixed && !DType(d).scalar_type()) return bad("no such item size for this kind");
    if (d.itemsize == 0 && d.kind != DTypeKind::Bytes && d.kind != DTypeKind::Unicode)
        return bad("zero item size");
    // Single-byte and byte-string types have no byte order.
    if (d.kind == DTypeKind::Bytes || d.kind == DTypeKind::Structured ||
        d.kind == DTypeKind::Bool || d.itemsize == 1) {
        d.endian = Endian::NotApplicable;
    }
    if (d.kind == DTypeKind::Unicode && d.endian == Endian::NotApplicable) d.endian = Endian::Little;
    return d;
}

// Item size of one field in a structured descr: ["name", "<i4"] or ["name", "<i4", [2, 3]], or a
// nested structured list in place of the typestr.
Result<std::size_t> field_size(const Json& field) {
    if (!field.is_array() || field.size() < 2 || field.size() > 3 ||
        !field.as_array()[0].is_string()) {
        return fail(ErrorCode::Unsupported, "malformed structured dtype field");
    }
    CS_ASSIGN_OR_RETURN(DType inner, DType::from_numpy(field.as_array()[1]));
    std::size_t count = 1;
    if (field.size() == 3) {
        const Json& shape = field.as_array()[2];
        if (!shape.is_array()) return fail(ErrorCode::Unsupported, "malformed field shape");
        for (const auto& e : shape.as_array()) {
            if (!e.is_int() || e.as_int() < 0) return fail(ErrorCode::Unsupported, "bad field shape");
            count *= static_cast<std::size_t>(e.as_int());
        }
    }
    return inner.itemsize * count;
}

}  // namespace

std::size_t scalar_size(ScalarType type) {
    for (const auto& s : kScalars) if (s.type == type) return s.size;
    return 0;
}

const char* scalar_name(ScalarType type) {
    for (const auto& s : kScalars) if (s.type == type) return s.name;
    return "?";
}

DType DType::scalar(ScalarType type, Endian endian) {
    DType d;
    for (const auto& s : kScalars) {
        if (s.type == type) {
            d.kind = s.kind;
            d.itemsize = s.size;
        }
    }
    d.endian = d.itemsize == 1 ? Endian::NotApplicable : endian;
    return d;
}

std::optional<ScalarType> DType::scalar_type() const {
    for (const auto& s : kScalars) {
        if (s.kind == kind && s.size == itemsize) return s.type;
    }
    return std::nullopt;
}

DType DType::with_native_order() const {
    DType d = *this;
    if (d.endian == Endian::Big) d.endian = Endian::Little;
    return d;
}

std::string DType::numpy_typestr() const {
    std::string s(1, endian_char(*this));
    s += kind_char(kind);
    if (kind == DTypeKind::Object) return "|O";
    s += std::to_string(kind == DTypeKind::Unicode ? itemsize / 4 : itemsize);
    if (kind == DTypeKind::DateTime || kind == DTypeKind::TimeDelta) s += "[" + datetime_unit + "]";
    return s;
}

Json DType::to_zarr_json() const {
    if (kind == DTypeKind::Structured && structured_descr.is_array()) return structured_descr;
    return Json(numpy_typestr());
}

std::string DType::display_name() const {
    if (auto st = scalar_type()) {
        std::string name = scalar_name(*st);
        return endian == Endian::Big ? ">" + name : name;
    }
    switch (kind) {
        case DTypeKind::DateTime: return "datetime64[" + datetime_unit + "]";
        case DTypeKind::TimeDelta: return "timedelta64[" + datetime_unit + "]";
        case DTypeKind::Structured:
            return structured_descr.is_array() ? write_json(structured_descr) : numpy_typestr();
        case DTypeKind::Object: return "object";
        case DTypeKind::Raw: return "r" + std::to_string(itemsize * 8);
        default: return numpy_typestr();
    }
}

Result<DType> DType::from_numpy(const Json& descr) {
    if (descr.is_string()) return parse_typestr(descr.as_string());
    if (!descr.is_array() || descr.size() == 0) {
        return fail(ErrorCode::Unsupported, "dtype must be a string or a list of fields, got " +
                                                write_json(descr));
    }
    DType d;
    d.kind = DTypeKind::Structured;
    d.endian = Endian::NotApplicable;
    d.itemsize = 0;
    for (const auto& field : descr.as_array()) {
        CS_ASSIGN_OR_RETURN(std::size_t size, field_size(field));
        d.itemsize += size;
    }
    d.structured_descr = descr;
    return d;
}

}  // namespace cs
