#include "core/zarr/v3/data_type.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/util/half_float.h"

namespace cs::zarr3 {
namespace {

struct NamedType {
    const char* name;
    DTypeKind kind;
    std::size_t itemsize;
};

constexpr NamedType kTypes[] = {
    {"bool", DTypeKind::Bool, 1},         {"int8", DTypeKind::Int, 1},
    {"int16", DTypeKind::Int, 2},         {"int32", DTypeKind::Int, 4},
    {"int64", DTypeKind::Int, 8},         {"uint8", DTypeKind::UInt, 1},
    {"uint16", DTypeKind::UInt, 2},       {"uint32", DTypeKind::UInt, 4},
    {"uint64", DTypeKind::UInt, 8},       {"float16", DTypeKind::Float, 2},
    {"float32", DTypeKind::Float, 4},     {"float64", DTypeKind::Float, 8},
    {"complex64", DTypeKind::Complex, 8}, {"complex128", DTypeKind::Complex, 16},
};

DType make_dtype(DTypeKind kind, std::size_t itemsize) {
    DType d;
    d.kind = kind;
    d.itemsize = itemsize;
    d.endian = (itemsize > 1 && kind != DTypeKind::Raw) ? Endian::Little : Endian::NotApplicable;
    return d;
}

template <class T>
Bytes bytes_of(T v) {
    Bytes out(sizeof(T));
    std::memcpy(out.data(), &v, sizeof(T));
    return out;
}

// Little-endian bytes from a "0x..." bit pattern of exactly `size` bytes.
Result<Bytes> parse_hex(std::string_view s, std::size_t size, std::string_view what) {
    const std::string_view digits = s.substr(2);
    if (digits.size() != size * 2)
        return fail(ErrorCode::Corrupt, std::string(what) + ": fill_value '" + std::string(s) +
                                            "' must have " + std::to_string(size * 2) +
                                            " hex digits");
    Bytes out(size);
    for (std::size_t i = 0; i < size; ++i) {
        unsigned value = 0;
        const char* first = digits.data() + i * 2;
        auto [ptr, ec] = std::from_chars(first, first + 2, value, 16);
        if (ec != std::errc() || ptr != first + 2)
            return fail(ErrorCode::Corrupt,
                        std::string(what) + ": fill_value '" + std::string(s) + "' is not hex");
        out[size - 1 - i] = static_cast<std::uint8_t>(value);  // written most significant first
    }
    return out;
}

// One float of `size` bytes (2, 4, 8) from a JSON fill value component.
Result<Bytes> parse_float(const Json& v, std::size_t size, std::string_view what) {
    double d = 0;
    if (v.is_number()) {
        d = v.as_double();
    } else if (v.is_string()) {
        const std::string& s = v.as_string();
        if (s == "NaN") {
            d = std::numeric_limits<double>::quiet_NaN();
        } else if (s == "Infinity") {
            d = std::numeric_limits<double>::infinity();
        } else if (s == "-Infinity") {
            d = -std::numeric_limits<double>::infinity();
        } else if (s.starts_with("0x")) {
            return parse_hex(s, size, what);
        } else {
            return fail(ErrorCode::Corrupt,
                        std::string(what) + ": fill_value '" + s + "' is not a float");
        }
    } else {
        return fail(ErrorCode::Corrupt,
                    std::string(what) + ": fill_value " + write_json(v) + " is not a float");
    }
    if (size == 2) return bytes_of(double_to_half(d));
    if (size == 4) {
        // Out-of-range double -> float conversion is undefined: saturate to infinity explicitly.
        if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max())
            return bytes_of(d > 0 ? std::numeric_limits<float>::infinity()
                                  : -std::numeric_limits<float>::infinity());
        return bytes_of(static_cast<float>(d));
    }
    return bytes_of(d);
}

Json float_to_json(const std::uint8_t* p, std::size_t size) {
    double d = 0;
    std::uint64_t bits = 0;
    std::memcpy(&bits, p, size);
    if (size == 2) {
        std::uint16_t h = 0;
        std::memcpy(&h, p, 2);
        d = half_to_double(h);
    } else if (size == 4) {
        float f = 0;
        std::memcpy(&f, p, 4);
        d = f;
    } else {
        std::memcpy(&d, p, 8);
    }
    if (std::isinf(d)) return Json(d > 0 ? "Infinity" : "-Infinity");
    if (std::isnan(d)) {
        const std::uint64_t canonical = size == 2   ? 0x7e00u
                                        : size == 4 ? 0x7fc00000u
                                                    : 0x7ff8000000000000u;
        if (bits == canonical) return Json("NaN");
        char hex[2 + 16 + 1];
        std::snprintf(hex, sizeof hex, "0x%0*llx", static_cast<int>(size * 2),
                      static_cast<unsigned long long>(bits));
        return Json(hex);
    }
    return Json(d);
}

}  // namespace

Result<DType> parse_data_type(const Json& name, std::string_view what) {
    if (!name.is_string())
        return fail(ErrorCode::Unsupported, std::string(what) + ": data_type " + write_json(name) +
                                                " is not supported (extension data types are "
                                                "not handled)");
    const std::string& s = name.as_string();
    for (const auto& t : kTypes)
        if (s == t.name) return make_dtype(t.kind, t.itemsize);
    if (s.size() > 1 && s[0] == 'r') {
        unsigned bits = 0;
        auto [ptr, ec] = std::from_chars(s.data() + 1, s.data() + s.size(), bits);
        if (ec == std::errc() && ptr == s.data() + s.size() && bits > 0 && bits % 8 == 0)
            return make_dtype(DTypeKind::Raw, bits / 8);
    }
    return fail(ErrorCode::Unsupported, std::string(what) + ": unknown data_type '" + s + "'");
}

Result<std::string> data_type_name(const DType& dtype) {
    if (dtype.kind == DTypeKind::Raw) return "r" + std::to_string(dtype.itemsize * 8);
    for (const auto& t : kTypes)
        if (dtype.kind == t.kind && dtype.itemsize == t.itemsize) return std::string(t.name);
    return fail(ErrorCode::Unsupported, "Zarr v3 has no data type for " + dtype.display_name());
}

Result<std::optional<Bytes>> parse_fill_value(const Json& fill, const DType& dtype,
                                              std::string_view what) {
    if (fill.is_null()) return std::optional<Bytes>();
    const auto bad = [&](const char* expected) {
        return fail(ErrorCode::Corrupt, std::string(what) + ": fill_value " + write_json(fill) +
                                            " is not " + expected + " for data type " +
                                            dtype.display_name());
    };
    switch (dtype.kind) {
        case DTypeKind::Bool:
            if (!fill.is_bool()) return bad("true or false");
            return Bytes{static_cast<std::uint8_t>(fill.as_bool() ? 1 : 0)};
        case DTypeKind::Int: {
            if (fill.type() != Json::Type::Int &&
                !(fill.type() == Json::Type::UInt && fill.as_uint() <= INT64_MAX))
                return bad("an integer");
            const std::int64_t v = fill.as_int();
            const int bits = static_cast<int>(dtype.itemsize * 8);
            if (bits < 64 &&
                (v < -(std::int64_t{1} << (bits - 1)) || v >= (std::int64_t{1} << (bits - 1))))
                return bad("in range");
            Bytes out(dtype.itemsize);
            std::memcpy(out.data(), &v, dtype.itemsize);  // little-endian truncation
            return out;
        }
        case DTypeKind::UInt: {
            if (!fill.is_int() || (fill.type() == Json::Type::Int && fill.as_int() < 0))
                return bad("a non-negative integer");
            const std::uint64_t v = fill.as_uint();
            const int bits = static_cast<int>(dtype.itemsize * 8);
            if (bits < 64 && v >= (std::uint64_t{1} << bits)) return bad("in range");
            Bytes out(dtype.itemsize);
            std::memcpy(out.data(), &v, dtype.itemsize);
            return out;
        }
        case DTypeKind::Float: {
            CS_ASSIGN_OR_RETURN(Bytes out, parse_float(fill, dtype.itemsize, what));
            return out;
        }
        case DTypeKind::Complex: {
            if (!fill.is_array() || fill.size() != 2) return bad("a [real, imaginary] pair");
            const std::size_t half = dtype.itemsize / 2;
            CS_ASSIGN_OR_RETURN(Bytes re, parse_float(fill.as_array()[0], half, what));
            CS_ASSIGN_OR_RETURN(Bytes im, parse_float(fill.as_array()[1], half, what));
            re.insert(re.end(), im.begin(), im.end());
            return re;
        }
        case DTypeKind::Raw: {
            if (!fill.is_array() || fill.size() != dtype.itemsize)
                return bad("a list of one integer per byte");
            Bytes out(dtype.itemsize);
            for (std::size_t i = 0; i < dtype.itemsize; ++i) {
                const Json& b = fill.as_array()[i];
                if (!b.is_int() || b.as_int() < 0 || b.as_int() > 255)
                    return bad("a list of bytes 0..255");
                out[i] = static_cast<std::uint8_t>(b.as_int());
            }
            return out;
        }
        default:
            return bad("supported");
    }
}

Json fill_value_to_json(const std::optional<Bytes>& fill, const DType& dtype) {
    if (!fill || fill->size() != dtype.itemsize) return Json();
    const std::uint8_t* p = fill->data();
    switch (dtype.kind) {
        case DTypeKind::Bool:
            return Json(p[0] != 0);
        case DTypeKind::Int: {
            std::int64_t v = 0;
            std::memcpy(&v, p, dtype.itemsize);
            const int shift = static_cast<int>(64 - dtype.itemsize * 8);
            if (shift > 0)
                v = static_cast<std::int64_t>(static_cast<std::uint64_t>(v) << shift) >> shift;
            return Json(static_cast<long long>(v));
        }
        case DTypeKind::UInt: {
            std::uint64_t v = 0;
            std::memcpy(&v, p, dtype.itemsize);
            return Json(static_cast<unsigned long long>(v));
        }
        case DTypeKind::Float:
            return float_to_json(p, dtype.itemsize);
        case DTypeKind::Complex: {
            const std::size_t half = dtype.itemsize / 2;
            Json pair = Json::array();
            pair.push_back(float_to_json(p, half));
            pair.push_back(float_to_json(p + half, half));
            return pair;
        }
        case DTypeKind::Raw: {
            Json list = Json::array();
            for (std::size_t i = 0; i < dtype.itemsize; ++i) list.push_back(Json(int(p[i])));
            return list;
        }
        default:
            return Json();
    }
}

}  // namespace cs::zarr3
