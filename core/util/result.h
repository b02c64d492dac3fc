// Errors are values in core/: every fallible call returns Result<T>, never throws across a module
// boundary and never aborts on bad input. An Error names what failed (a file, a key, a dataset)
// and why, in words a user can act on.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace cs {

enum class ErrorCode {
    InvalidArgument,  // the caller asked for something malformed (bad key, bad selection)
    NotFound,         // a file, key, array or group does not exist
    Io,               // the operating system refused (permissions, disk full, short read)
    Corrupt,          // stored bytes or metadata are not what the format promises
    Unsupported,      // valid, but something chunkscope does not handle (unknown codec, dtype)
    Cancelled,        // the user stopped the work
    Internal,         // a bug in chunkscope
};

const char* to_string(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;

    // "Corrupt: data/g.zarr/0.0: chunk decompresses to 10 bytes, expected 40"
    std::string describe() const;
    // Prefix the message with context, e.g. the file the failing key belongs to.
    Error with_context(const std::string& context) const;
};

template <class T = void>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
    return std::unexpected<Error>(Error{code, std::move(message)});
}

inline std::unexpected<Error> fail(Error error) { return std::unexpected<Error>(std::move(error)); }

}  // namespace cs

// Assign-or-return: `CS_ASSIGN_OR_RETURN(auto meta, parse(text));`
#define CS_CONCAT_INNER(a, b) a##b
#define CS_CONCAT(a, b) CS_CONCAT_INNER(a, b)
#define CS_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr)                       \
    auto tmp = (expr);                                                  \
    if (!tmp) return std::unexpected<::cs::Error>(std::move(tmp).error()); \
    decl = std::move(*tmp)
#define CS_ASSIGN_OR_RETURN(decl, expr) \
    CS_ASSIGN_OR_RETURN_IMPL(CS_CONCAT(cs_result_, __LINE__), decl, expr)

// Return-if-error for Result<void> (or any Result whose value is not needed).
#define CS_RETURN_IF_ERROR(expr)                                                 \
    do {                                                                         \
        auto cs_status_ = (expr);                                                \
        if (!cs_status_) return std::unexpected<::cs::Error>(std::move(cs_status_).error()); \
    } while (0)
