#include "core/util/result.h"

namespace cs {

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument: return "invalid argument";
        case ErrorCode::NotFound: return "not found";
        case ErrorCode::Io: return "I/O error";
        case ErrorCode::Corrupt: return "corrupt data";
        case ErrorCode::Unsupported: return "unsupported";
        case ErrorCode::Cancelled: return "cancelled";
        case ErrorCode::Internal: return "internal error";
    }
    return "error";
}

std::string Error::describe() const { return std::string(to_string(code)) + ": " + message; }

Error Error::with_context(const std::string& context) const {
    return Error{code, context + ": " + message};
}

}  // namespace cs
