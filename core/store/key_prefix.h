// Checks and splits the prefixes that list_prefix() and list_dir() take. A prefix is not a key:
// list_prefix("a/.z") must find "a/.zarray", so only its folder part must be a valid key.
#pragma once

#include <string>
#include <string_view>

#include "core/util/result.h"

namespace cs {

struct SplitPrefix {
    std::string folder;   // "" for the root, else a valid key ("a/b")
    std::string partial;  // the start of a name inside `folder` ("" matches every name)
};

// "a/b/.z" -> {"a/b", ".z"}; "a/b/" -> {"a/b", ""}; "" -> {"", ""}.
Result<SplitPrefix> split_list_prefix(std::string_view prefix);

// list_dir's argument: "" for the root or a valid key; one trailing '/' is tolerated.
Result<std::string> normalize_dir_prefix(std::string_view prefix);

}  // namespace cs
