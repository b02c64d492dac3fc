#include "core/store/key_prefix.h"

#include "core/store/store.h"

namespace cs {

Result<SplitPrefix> split_list_prefix(std::string_view prefix) {
    if (prefix.find('\0') != std::string_view::npos ||
        prefix.find('\\') != std::string_view::npos) {
        return fail(ErrorCode::InvalidArgument,
                    "invalid list prefix: a prefix may not contain a NUL byte or a backslash");
    }
    SplitPrefix out;
    const std::size_t slash = prefix.rfind('/');
    if (slash == std::string_view::npos) {
        out.partial = std::string(prefix);
        return out;
    }
    out.folder = std::string(prefix.substr(0, slash));
    out.partial = std::string(prefix.substr(slash + 1));
    if (auto ok = validate_key(out.folder); !ok) {
        return fail(ErrorCode::InvalidArgument,
                    "invalid list prefix \"" + std::string(prefix) + "\": " + ok.error().message);
    }
    return out;
}

Result<std::string> normalize_dir_prefix(std::string_view prefix) {
    if (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
    if (prefix.empty()) return std::string();
    CS_RETURN_IF_ERROR(validate_key(prefix));
    return std::string(prefix);
}

}  // namespace cs
