// Small POSIX helpers the DirectoryStore builds on: every call checked, EINTR retried, and each
// failure turned into an Error that names the file and the operating system's reason.
#pragma once

#include <cstdint>
#include <string>

#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs::posix {

// "<path>: <what>: <strerror>", with ENOSPC/EDQUOT spelled "disk full".
Error io_error(const std::string& path, const std::string& what, int err);

// Reads exactly `length` bytes at `offset`; a file that ends early is an error (it was changed
// under us, or a network file system lied about its size).
Result<Bytes> read_exactly(int fd, std::uint64_t offset, std::uint64_t length,
                           const std::string& path);

// Writes all of `data`, retrying short writes.
Result<void> write_all(int fd, ByteSpan data, const std::string& path);

}  // namespace cs::posix
