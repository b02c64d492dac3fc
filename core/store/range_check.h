// get_range's bounds rule, shared by every store so they all fail the same way.
#pragma once

#include <cstdint>
#include <string>

#include "core/util/result.h"

namespace cs {

// An error when [offset, offset + length) does not lie inside a value of `size` bytes.
inline Result<void> check_range(const std::string& where, std::uint64_t offset,
                                std::uint64_t length, std::uint64_t size) {
    if (offset > size || length > size - offset) {
        return fail(ErrorCode::InvalidArgument,
                    where + ": byte range [" + std::to_string(offset) + ", " +
                        std::to_string(offset) + " + " + std::to_string(length) +
                        ") goes past the end of the " + std::to_string(size) + "-byte value");
    }
    return {};
}

}  // namespace cs
