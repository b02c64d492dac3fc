#include "core/codec/codec_config.h"

#include <algorithm>

namespace cs::codec_config {

Result<void> check_keys(const Json& config, std::string_view codec,
                        std::initializer_list<std::string_view> allowed) {
    if (!config.is_object()) {
        return fail(ErrorCode::InvalidArgument,
                    std::string(codec) + " codec: config must be a JSON object");
    }
    for (const auto& [key, value] : config.as_object()) {
        if (key == "id") continue;
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            return fail(ErrorCode::InvalidArgument,
                        std::string(codec) + " codec: unknown config key '" + key + "'");
        }
    }
    return {};
}

Result<std::int64_t> get_int(const Json& config, std::string_view codec, std::string_view key,
                             std::int64_t fallback, std::int64_t min, std::int64_t max) {
    const Json* value = config.find(key);
    if (value == nullptr) return fallback;
    const std::string where = std::string(codec) + " codec: '" + std::string(key) + "'";
    if (!value->is_int()) return fail(ErrorCode::InvalidArgument, where + " must be an integer");
    if (value->type() == Json::Type::UInt &&
        value->as_uint() > static_cast<std::uint64_t>(INT64_MAX)) {
        return fail(ErrorCode::InvalidArgument, where + " is out of range");
    }
    const std::int64_t v = value->as_int();
    if (v < min || v > max) {
        return fail(ErrorCode::InvalidArgument, where + " is " + std::to_string(v) + ", expected " +
                                                    std::to_string(min) + ".." +
                                                    std::to_string(max));
    }
    return v;
}

Result<std::string> get_string(const Json& config, std::string_view codec, std::string_view key,
                               std::string_view fallback) {
    const Json* value = config.find(key);
    if (value == nullptr) return std::string(fallback);
    if (!value->is_string()) {
        return fail(ErrorCode::InvalidArgument,
                    std::string(codec) + " codec: '" + std::string(key) + "' must be a string");
    }
    return value->as_string();
}

}  // namespace cs::codec_config
