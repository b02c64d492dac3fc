// Writing .npy: the header numpy.lib.format._write_array_header produces, byte for byte.
#include "core/array/npy.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "core/array/python_literal.h"

namespace cs {

namespace {

constexpr std::size_t kAlign = 64;             // numpy's ARRAY_ALIGN
constexpr std::size_t kGrowthAxisDigits = 21;  // numpy's GROWTH_AXIS_MAX_DIGITS
constexpr std::size_t kMagicLen = 8;           // "\x93NUMPY" + major + minor

std::string shape_repr(const Json& dims) {
    std::string out = "(";
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(dims.as_array()[i].as_uint());
    }
    return out + (dims.size() == 1 ? ",)" : ")");
}

Result<std::string> structured_repr(const Json& descr) {
    std::string out = "[";
    for (std::size_t i = 0; i < descr.size(); ++i) {
        const Json& field = descr.as_array()[i];
        if (!field.is_array() || field.size() < 2 || field.size() > 3 ||
            !field.as_array()[0].is_string()) {
            return fail(ErrorCode::Unsupported,
                        "structured dtype field " + write_json(field) + " is not [name, type]");
        }
        const Json& type = field.as_array()[1];
        std::string type_repr;
        if (type.is_string()) {
            type_repr = python_repr(type.as_string());
        } else if (type.is_array()) {
            CS_ASSIGN_OR_RETURN(type_repr, structured_repr(type));
        } else {
            return fail(ErrorCode::Unsupported,
                        "structured dtype field " + write_json(field) + " has no type");
        }
        if (i) out += ", ";
        out += "(" + python_repr(field.as_array()[0].as_string()) + ", " + type_repr;
        if (field.size() == 3) {
            const Json& dims = field.as_array()[2];
            if (!dims.is_array()) {
                return fail(ErrorCode::Unsupported,
                            "structured dtype field " + write_json(field) + " has a bad shape");
            }
            for (const auto& d : dims.as_array()) {
                if (!d.is_int() || d.as_int() < 0) {
                    return fail(ErrorCode::Unsupported,
                                "structured dtype field " + write_json(field) + " has a bad shape");
                }
            }
            out += ", " + shape_repr(dims);
        }
        out += ")";
    }
    return out + "]";
}

// Latin-1 bytes of a UTF-8 string, or nullopt when it holds a character above U+00FF (numpy then
// falls back to format 3.0, which is UTF-8).
std::optional<std::string> to_latin1(std::string_view utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        if (b < 0x80) {
            out += char(b);
        } else if ((b == 0xC2 || b == 0xC3) && i + 1 < utf8.size()) {
            out += char(((b & 0x03) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
        } else {
            return std::nullopt;
        }
    }
    return out;
}

std::string wrap_header(const std::string& header, unsigned major, std::size_t length_bytes) {
    const std::size_t hlen = header.size() + 1;
    const std::size_t pad = kAlign - ((kMagicLen + length_bytes + hlen) % kAlign);
    const std::size_t total = hlen + pad;
    std::string out = "\x93NUMPY";
    out += char(major);
    out += char(0);
    for (std::size_t i = 0; i < length_bytes; ++i) out += char((total >> (8 * i)) & 0xFF);
    out += header;
    out.append(pad, ' ');
    out += '\n';
    return out;
}

}  // namespace

Result<std::string> npy_descr(const DType& dtype) {
    if (dtype.kind == DTypeKind::Object) {
        return fail(ErrorCode::Unsupported,
                    "object arrays cannot be written to .npy without pickling; chunkscope does not "
                    "pickle");
    }
    if (dtype.kind == DTypeKind::Raw) {
        return fail(ErrorCode::Unsupported, "raw Zarr v3 types have no NumPy equivalent");
    }
    if (dtype.kind == DTypeKind::Structured && dtype.structured_descr.is_array()) {
        return structured_repr(dtype.structured_descr);
    }
    return python_repr(dtype.numpy_typestr());
}

Result<std::string> npy_header(const DType& dtype, const Shape& shape) {
    CS_ASSIGN_OR_RETURN(std::string descr, npy_descr(dtype));
    std::string shape_text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i) shape_text += ", ";
        shape_text += std::to_string(shape[i]);
    }
    shape_text += shape.size() == 1 ? ",)" : ")";
    std::string header =
        "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape_text + ", }";
    // Room to grow the first axis in place, as numpy leaves it.
    if (!shape.empty()) {
        const std::size_t digits = std::to_string(shape[0]).size();
        if (digits < kGrowthAxisDigits) header.append(kGrowthAxisDigits - digits, ' ');
    }
    const std::optional<std::string> latin1 = to_latin1(header);
    if (!latin1) return wrap_header(header, 3, 4);
    if (latin1->size() + 1 + kAlign <= 0xFFFF) {
        std::string v1 = wrap_header(*latin1, 1, 2);
        if (v1.size() - kMagicLen - 2 <= 0xFFFF) return v1;
    }
    return wrap_header(*latin1, 2, 4);
}

namespace {

// The header for `data_bytes` bytes of `shape` x `dtype`, or why they do not match.
Result<std::string> checked_npy_header(const DType& dtype, const Shape& shape,
                                       std::uint64_t data_bytes) {
    std::uint64_t expected = dtype.itemsize;
    for (auto n : shape) {
        if (__builtin_mul_overflow(expected, n, &expected)) {
            return fail(ErrorCode::InvalidArgument, ".npy: the shape is too large");
        }
    }
    if (expected != data_bytes) {
        return fail(ErrorCode::InvalidArgument,
                    ".npy: the data holds " + std::to_string(data_bytes) +
                        " bytes, but the shape and dtype need " + std::to_string(expected));
    }
    return npy_header(dtype, shape);
}

}  // namespace

Result<Bytes> encode_npy(const DType& dtype, const Shape& shape, ByteSpan data) {
    CS_ASSIGN_OR_RETURN(std::string header, checked_npy_header(dtype, shape, data.size()));
    Bytes out(header.size() + data.size());
    std::memcpy(out.data(), header.data(), header.size());
    if (!data.empty()) std::memcpy(out.data() + header.size(), data.data(), data.size());
    return out;
}

Result<void> write_npy(const std::string& path, const DType& dtype, const Shape& shape,
                       ByteSpan data) {
    // The data is written from the caller's buffer: copying a 16 MB result into one file image
    // first cost a few ms of a run's serial end.
    CS_ASSIGN_OR_RETURN(std::string header, checked_npy_header(dtype, shape, data.size()));
    auto io_error = [&](const char* what, int err) {
        return fail(ErrorCode::Io,
                    path + ": " + what + ": " + std::generic_category().message(err));
    };
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return io_error("cannot create", errno);
    bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size();
    if (ok && !data.empty()) ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
    const int write_errno = errno;
    if (!ok) {
        std::fclose(f);
        std::remove(path.c_str());
        return io_error("cannot write", write_errno);
    }
    if (std::fclose(f) != 0) {
        const int err = errno;
        std::remove(path.c_str());
        return io_error("cannot write", err);
    }
    return {};
}

}  // namespace cs
