#include "core/store/posix_io.h"

#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace cs::posix {

Error io_error(const std::string& path, const std::string& what, int err) {
    // std::generic_category().message is thread-safe, unlike strerror().
    std::string reason = std::generic_category().message(err);
    if (err == ENOSPC || err == EDQUOT) reason = "disk full (" + reason + ")";
    return Error{ErrorCode::Io, path + ": " + what + ": " + reason};
}

Result<Bytes> read_exactly(int fd, std::uint64_t offset, std::uint64_t length,
                           const std::string& path) {
    Bytes out(length);
    std::uint64_t done = 0;
    while (done < length) {
        const ssize_t n = ::pread(fd, out.data() + done, length - done, off_t(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(io_error(path, "cannot read", errno));
        }
        if (n == 0) {
            return fail(ErrorCode::Io, path + ": file ended after " +
                                           std::to_string(offset + done) + " bytes, expected " +
                                           std::to_string(offset + length) +
                                           " (was it changed while being read?)");
        }
        done += std::uint64_t(n);
    }
    return out;
}

Result<void> write_all(int fd, ByteSpan data, const std::string& path) {
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(io_error(path, "cannot write", errno));
        }
        if (n == 0) return fail(ErrorCode::Io, path + ": cannot write: no progress");
        done += std::size_t(n);
    }
    return {};
}

}  // namespace cs::posix
