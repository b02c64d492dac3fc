#include "core/zarr/zarr_fill_value.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

#include "core/util/half_float.h"

namespace cs {

namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Error bad_fill(const Json& value, const DType& dtype, std::string_view what,
               const std::string& why) {
    return Error{ErrorCode::Corrupt, std::string(what) + ": fill_value " + write_json(value) +
                                         " does not fit dtype " + dtype.numpy_typestr() + ": " +
                                         why};
}

// Stores the low `size` bytes of `bits` (a little-endian machine value) in the dtype's order.
void put_scalar(std::uint8_t* out, std::uint64_t bits, std::size_t size, Endian endian) {
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t b = static_cast<std::uint8_t>(bits >> (8 * i));
        out[endian == Endian::Big ? size - 1 - i : i] = b;
    }
}

// A float given as a number or as one of the strings zarr-python writes for non-finite values.
std::optional<double> float_value(const Json& v) {
    if (v.is_number()) return v.as_double();
    if (v.is_string()) {
        const std::string& s = v.as_string();
        if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
        if (s == "Infinity") return std::numeric_limits<double>::infinity();
        if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    }
    return std::nullopt;
}

std::uint64_t float_bits(double d, std::size_t size) {
    if (size == 8) return std::bit_cast<std::uint64_t>(d);
    if (size == 4) return std::bit_cast<std::uint32_t>(static_cast<float>(d));
    return double_to_half(d);
}

Json float_json(double d) {
    if (std::isnan(d)) return Json("NaN");
    if (std::isinf(d)) return Json(d > 0 ? "Infinity" : "-Infinity");
    return Json(d);
}

// zarr-python builds a complex fill value as `re + 1j * im` in Python arithmetic, which is not
// always (re, im): 0 * inf makes the real part the machine's default NaN (negative on x86), and
// signed zeros combine. Reproduced here so missing chunks read bit-exact as zarr-python reads them.
std::pair<double, double> python_complex(double re, double im) {
    double t;  // real part of 1j * im: 0 * im - 1 * 0
    if (std::isinf(im)) {
        t = -std::numeric_limits<double>::quiet_NaN();
    } else if (std::isnan(im)) {
        t = im;
    } else {
        t = 0.0 * im - 0.0;
    }
    const double real = std::isnan(t) ? t : re + t;
    return {real, 0.0 + im};
}

Result<std::uint64_t> integer_bits(const Json& v, const DType& dtype, std::string_view what) {
    const bool is_signed = dtype.kind != DTypeKind::UInt;
    const unsigned bits = static_cast<unsigned>(dtype.itemsize * 8);
    if (v.is_bool()) return v.as_bool() ? 1u : 0u;
    if (v.is_double()) {
        const double d = v.as_double();
        if (!std::isfinite(d) || d != std::trunc(d))
            return fail(bad_fill(v, dtype, what, "not an integer"));
        if (is_signed ? (d < -0x1p63 || d >= 0x1p63) : (d < 0 || d >= 0x1p64))
            return fail(bad_fill(v, dtype, what, "out of range"));
        return is_signed ? static_cast<std::uint64_t>(static_cast<std::int64_t>(d))
                         : static_cast<std::uint64_t>(d);
    }
    if (!v.is_int()) return fail(bad_fill(v, dtype, what, "expected an integer"));
    if (v.type() == Json::Type::UInt) {
        const std::uint64_t u = v.as_uint();
        const std::uint64_t max = is_signed    ? (std::uint64_t{1} << (bits - 1)) - 1
                                  : bits == 64 ? ~std::uint64_t{0}
                                               : (std::uint64_t{1} << bits) - 1;
        if (u > max) return fail(bad_fill(v, dtype, what, "out of range"));
        return u;
    }
    const std::int64_t i = v.as_int();
    if (is_signed) {
        if (bits < 64) {
            const std::int64_t lim = std::int64_t{1} << (bits - 1);
            if (i < -lim || i >= lim) return fail(bad_fill(v, dtype, what, "out of range"));
        }
        return static_cast<std::uint64_t>(i);
    }
    if (i < 0 || (bits < 64 && static_cast<std::uint64_t>(i) >= (std::uint64_t{1} << bits)))
        return fail(bad_fill(v, dtype, what, "out of range"));
    return static_cast<std::uint64_t>(i);
}

// UTF-8 -> code points, for U fill values.
std::optional<std::vector<char32_t>> utf8_decode(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
        if (len == 0 || i + len > s.size()) return std::nullopt;
        char32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (int k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 0x2) return std::nullopt;
            cp = (cp << 6) | (cc & 0x3F);
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

}  // namespace

std::string base64_encode(ByteSpan data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < data.size(); i += 3) {
        const std::uint32_t n = (std::uint32_t{data[i]} << 16) |
                                (i + 1 < data.size() ? std::uint32_t{data[i + 1]} << 8 : 0) |
                                (i + 2 < data.size() ? std::uint32_t{data[i + 2]} : 0);
        out += kBase64Alphabet[(n >> 18) & 63];
        out += kBase64Alphabet[(n >> 12) & 63];
        out += i + 1 < data.size() ? kBase64Alphabet[(n >> 6) & 63] : '=';
        out += i + 2 < data.size() ? kBase64Alphabet[n & 63] : '=';
    }
    return out;
}

std::optional<Bytes> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    Bytes out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        std::uint32_t n = 0;
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = text[i + k];
            std::uint32_t v = 0;
            if (c == '=') {
                if (i + 4 != text.size() || k < 2) return std::nullopt;
                ++pad;
            } else {
                if (pad) return std::nullopt;
                const char* p = std::strchr(kBase64Alphabet, c);
                if (!p || c == '\0') return std::nullopt;
                v = static_cast<std::uint32_t>(p - kBase64Alphabet);
            }
            n = (n << 6) | v;
        }
        out.push_back(static_cast<std::uint8_t>(n >> 16));
        if (pad < 2) out.push_back(static_cast<std::uint8_t>(n >> 8));
        if (pad < 1) out.push_back(static_cast<std::uint8_t>(n));
    }
    return out;
}

Result<std::optional<Bytes>> decode_zarr_fill_value(const Json& value, const DType& dtype,
                                                    std::string_view what) {
    if (value.is_null()) return std::optional<Bytes>{};
    Bytes out(dtype.itemsize);
    std::fill(out.begin(), out.end(), std::uint8_t{0});
    const std::size_t size = dtype.itemsize;
    switch (dtype.kind) {
        case DTypeKind::Bool:
            if (value.is_bool()) {
                out[0] = value.as_bool() ? 1 : 0;
            } else if (value.is_number()) {
                out[0] = value.as_double() != 0 ? 1 : 0;
            } else {
                return fail(bad_fill(value, dtype, what, "expected true or false"));
            }
            break;
        case DTypeKind::Int:
        case DTypeKind::UInt:
        case DTypeKind::DateTime:
        case DTypeKind::TimeDelta: {
            CS_ASSIGN_OR_RETURN(std::uint64_t bits, integer_bits(value, dtype, what));
            put_scalar(out.data(), bits, size, dtype.endian);
            break;
        }
        case DTypeKind::Float: {
            const auto d = float_value(value);
            if (!d) return fail(bad_fill(value, dtype, what, "expected a number"));
            put_scalar(out.data(), float_bits(*d, size), size, dtype.endian);
            break;
        }
        case DTypeKind::Complex: {
            if (!value.is_array() || value.size() != 2)
                return fail(bad_fill(value, dtype, what, "expected a [real, imag] pair"));
            const std::size_t half = size / 2;
            const auto re = float_value(value.as_array()[0]);
            const auto im = float_value(value.as_array()[1]);
            if (!re || !im) return fail(bad_fill(value, dtype, what, "expected a number"));
            const auto [real, imag] = python_complex(*re, *im);
            put_scalar(out.data(), float_bits(real, half), half, dtype.endian);
            put_scalar(out.data() + half, float_bits(imag, half), half, dtype.endian);
            break;
        }
        case DTypeKind::Bytes:
        case DTypeKind::Structured:
        case DTypeKind::Raw: {
            if (dtype.kind == DTypeKind::Bytes && value.is_number()) {
                // zarr-python is lenient here: np.array(0, dtype="S3") is b"0".
                const std::string s =
                    value.is_double() ? python_float_repr(value.as_double()) : write_json(value);
                if (size > 0 && !s.empty())
                    std::memcpy(out.data(), s.data(), std::min(s.size(), size));
                break;
            }
            if (!value.is_string()) return fail(bad_fill(value, dtype, what, "expected base64"));
            auto raw = base64_decode(value.as_string());
            if (!raw) return fail(bad_fill(value, dtype, what, "not valid base64"));
            if (dtype.kind == DTypeKind::Bytes ? raw->size() > size : raw->size() != size) {
                return fail(bad_fill(value, dtype, what,
                                     "decodes to " + std::to_string(raw->size()) +
                                         " bytes for an element of " + std::to_string(size)));
            }
            std::copy(raw->begin(), raw->end(), out.begin());
            break;
        }
        case DTypeKind::Unicode: {
            if (!value.is_string()) return fail(bad_fill(value, dtype, what, "expected a string"));
            auto cps = utf8_decode(value.as_string());
            if (!cps) return fail(bad_fill(value, dtype, what, "not valid UTF-8"));
            if (cps->size() * 4 > size) return fail(bad_fill(value, dtype, what, "too long"));
            for (std::size_t i = 0; i < cps->size(); ++i)
                put_scalar(out.data() + 4 * i, (*cps)[i], 4, dtype.endian);
            break;
        }
        case DTypeKind::Object: {
            // vlen-utf8 arrays read as fixed-width UTF-8 (see kVlenUtf8Width).
            if (value.is_number() && value.as_double() == 0) break;
            if (!value.is_string()) return fail(bad_fill(value, dtype, what, "expected a string"));
            const std::string& s = value.as_string();
            if (size > 0 && !s.empty()) std::memcpy(out.data(), s.data(), std::min(s.size(), size));
            break;
        }
    }
    return std::optional<Bytes>(std::move(out));
}

Result<Json> normalize_zarr_fill_value(const Json& value, const DType& dtype,
                                       std::string_view what) {
    if (value.is_null()) return value;
    switch (dtype.kind) {
        case DTypeKind::Float: {
            const auto d = float_value(value);
            if (!d) return fail(bad_fill(value, dtype, what, "expected a number"));
            return float_json(*d);
        }
        case DTypeKind::Complex: {
            if (!value.is_array() || value.size() != 2)
                return fail(bad_fill(value, dtype, what, "expected a [real, imag] pair"));
            Json pair = Json::array();
            for (const auto& part : value.as_array()) {
                const auto d = float_value(part);
                if (!d) return fail(bad_fill(value, dtype, what, "expected a number"));
                pair.push_back(float_json(*d));
            }
            return pair;
        }
        case DTypeKind::Int:
        case DTypeKind::UInt:
        case DTypeKind::DateTime:
        case DTypeKind::TimeDelta:
            if (value.is_bool()) return Json(value.as_bool() ? 1 : 0);
            if (value.is_double()) {
                CS_ASSIGN_OR_RETURN(std::uint64_t bits, integer_bits(value, dtype, what));
                if (dtype.kind == DTypeKind::UInt)
                    return Json(static_cast<unsigned long long>(bits));
                return Json(static_cast<long long>(bits));
            }
            return value;
        case DTypeKind::Bool:
            if (value.is_number()) return Json(value.as_double() != 0);
            return value;
        default:
            return value;
    }
}

}  // namespace cs
