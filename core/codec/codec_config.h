// Reading a numcodecs config: numcodecs builds a codec as `cls(**config)`, so a missing key takes
// the constructor's default and an unknown key is an error. These helpers do the same and name
// the codec and the key in every error.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/json/json.h"
#include "core/util/result.h"

namespace cs::codec_config {

// InvalidArgument unless `config` is an object whose keys are "id" or one of `allowed`.
Result<void> check_keys(const Json& config, std::string_view codec,
                        std::initializer_list<std::string_view> allowed);

// The integer member `key`, or `fallback` when absent; InvalidArgument when not an integer or
// outside [min, max].
Result<std::int64_t> get_int(const Json& config, std::string_view codec, std::string_view key,
                             std::int64_t fallback, std::int64_t min, std::int64_t max);

// The string member `key`, or `fallback` when absent; InvalidArgument when not a string.
Result<std::string> get_string(const Json& config, std::string_view codec, std::string_view key,
                               std::string_view fallback);

}  // namespace cs::codec_config
