// Reading .npy: the header as numpy.lib.format.read_array_header checks it, then the data.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/array/npy.h"
#include "core/array/python_literal.h"

namespace cs {

namespace {

std::string latin1_to_utf8(std::string_view latin1) {
    std::string out;
    for (const char c : latin1) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            out += c;
        } else {
            out += char(0xC0 | (b >> 6));
            out += char(0x80 | (b & 0x3F));
        }
    }
    return out;
}

// numpy's list-of-tuples descr, parsed to arrays, is the same structure Zarr stores as JSON.
Result<DType> dtype_of_descr(const Json& descr, std::string_view what) {
    auto dtype = DType::from_numpy(descr);
    if (!dtype) return fail(dtype.error().with_context(std::string(what)));
    if (dtype->kind == DTypeKind::Object) {
        return fail(ErrorCode::Unsupported,
                    std::string(what) +
                        ": holds Python objects (pickled), which chunkscope does "
                        "not read");
    }
    return dtype;
}

// Fortran order is C order of the reversed shape; transpose it element by element.
Bytes fortran_to_c(const Bytes& f, const Shape& shape, std::size_t item) {
    const std::size_t rank = shape.size();
    if (f.empty() || rank < 2) return f;
    Bytes c(f.size());
    std::vector<std::uint64_t> fstride(rank, item);  // strides of the F-ordered input
    for (std::size_t k = 1; k < rank; ++k) fstride[k] = fstride[k - 1] * shape[k - 1];
    std::vector<std::uint64_t> idx(rank, 0);
    std::uint64_t src = 0;
    for (std::uint64_t dst = 0; dst < c.size(); dst += item) {
        std::memcpy(c.data() + dst, f.data() + src, item);
        for (std::size_t k = rank; k-- > 0;) {
            if (++idx[k] < shape[k]) {
                src += fstride[k];
                break;
            }
            src -= (shape[k] - 1) * fstride[k];
            idx[k] = 0;
        }
    }
    return c;
}

}  // namespace

Result<NpyArray> decode_npy(ByteSpan file, std::string_view what_view) {
    const std::string what(what_view);
    auto corrupt = [&](const std::string& why) {
        return fail(ErrorCode::Corrupt, what + ": not a valid .npy file: " + why);
    };
    if (file.size() < 10 || std::memcmp(file.data(), "\x93NUMPY", 6) != 0) {
        return corrupt("it does not start with the magic \"\\x93NUMPY\"");
    }
    const unsigned major = file[6];
    const unsigned minor = file[7];
    if (major < 1 || major > 3 || minor != 0) {
        return fail(ErrorCode::Unsupported,
                    what + ": .npy format version " + std::to_string(major) + "." +
                        std::to_string(minor) + " is not supported (1.0, 2.0 and 3.0 are)");
    }
    const std::size_t length_bytes = major == 1 ? 2 : 4;
    if (file.size() < 8 + length_bytes) return corrupt("the header length is cut off");
    std::uint64_t header_len = 0;
    for (std::size_t i = 0; i < length_bytes; ++i)
        header_len |= std::uint64_t(file[8 + i]) << (8 * i);
    const std::uint64_t data_offset = 8 + length_bytes + header_len;
    if (data_offset > file.size()) {
        return corrupt("the header claims " + std::to_string(header_len) +
                       " bytes, but the file has only " + std::to_string(file.size()));
    }
    const std::string_view raw(reinterpret_cast<const char*>(file.data()) + 8 + length_bytes,
                               header_len);
    const std::string text = major == 3 ? std::string(raw) : latin1_to_utf8(raw);
    CS_ASSIGN_OR_RETURN(Json header, parse_python_literal(text, what));
    if (!header.is_object() || header.size() != 3 || !header.contains("descr") ||
        !header.contains("fortran_order") || !header.contains("shape")) {
        return corrupt(
            "the header must be a dict with exactly the keys 'descr', "
            "'fortran_order' and 'shape'");
    }
    const Json& order = *header.find("fortran_order");
    const Json& dims = *header.find("shape");
    if (!order.is_bool()) return corrupt("'fortran_order' is not True or False");
    NpyArray out;
    if (!dims.is_array()) return corrupt("'shape' is not a tuple");
    for (const Json& d : dims.as_array()) {
        if (!d.is_int() || d.as_int() < 0)
            return corrupt("'shape' holds a non-integer or negative");
        out.shape.push_back(d.as_uint());
    }
    CS_ASSIGN_OR_RETURN(out.dtype, dtype_of_descr(*header.find("descr"), what));
    std::uint64_t nbytes = out.dtype.itemsize;
    for (auto n : out.shape) {
        if (__builtin_mul_overflow(nbytes, n, &nbytes)) return corrupt("the shape is too large");
    }
    if (file.size() - data_offset < nbytes) {
        return corrupt("the data is cut off: " + std::to_string(file.size() - data_offset) +
                       " bytes after the header, the shape and dtype need " +
                       std::to_string(nbytes));
    }
    out.data.assign(file.begin() + std::ptrdiff_t(data_offset),
                    file.begin() + std::ptrdiff_t(data_offset + nbytes));
    if (order.as_bool()) out.data = fortran_to_c(out.data, out.shape, out.dtype.itemsize);
    return out;
}

Result<NpyArray> read_npy(const std::string& path) {
    auto io_error = [&](const char* what, int err) {
        return fail(ErrorCode::Io,
                    path + ": " + what + ": " + std::generic_category().message(err));
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT) return fail(ErrorCode::NotFound, path + ": no such file");
        return io_error("cannot open", errno);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        return io_error("cannot stat", err);
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(ErrorCode::Io, path + ": is not a regular file");
    }
    Bytes bytes(std::size_t(st.st_size));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : 0;
            ::close(fd);
            if (err == 0) return fail(ErrorCode::Io, path + ": the file shrank while being read");
            return io_error("cannot read", err);
        }
        done += std::size_t(n);
    }
    ::close(fd);
    return decode_npy(bytes, path);
}

}  // namespace cs
