// Python literals as numpy writes them in a .npy header: repr() of strings, ints, tuples and
// lists, and a parser for the same subset (dicts, str, int, True/False/None, tuples, lists).
// Tuples and lists both parse to Json arrays; that is all a .npy header needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json/json.h"
#include "core/util/result.h"

namespace cs {

// Python's repr(str) for a UTF-8 string: single quotes unless the text holds ' and no ".
std::string python_repr(std::string_view utf8);

// Parses one literal (the whole text, surrounding whitespace allowed). `what` names the source
// in error messages.
Result<Json> parse_python_literal(std::string_view text, std::string_view what);

}  // namespace cs
