#include "core/store/store.h"

namespace cs {

Result<bool> Store::exists(std::string_view key) const {
    CS_ASSIGN_OR_RETURN(std::optional<std::uint64_t> bytes, size(key));
    return bytes.has_value();
}

Result<std::optional<Bytes>> Store::get_limited(std::string_view key,
                                                std::uint64_t max_bytes) const {
    CS_ASSIGN_OR_RETURN(std::optional<std::uint64_t> bytes, size(key));
    if (!bytes) return std::optional<Bytes>();
    if (*bytes > max_bytes) return value_too_large(*this, key, *bytes, max_bytes);
    return get(key);
}

std::unexpected<Error> value_too_large(const Store& store, std::string_view key,
                                       std::uint64_t bytes, std::uint64_t max_bytes) {
    return fail(ErrorCode::Corrupt, store.describe_key(key) + ": holds " + std::to_string(bytes) +
                                        " bytes, more than the " + std::to_string(max_bytes) +
                                        " it may hold");
}

std::string Store::describe_key(std::string_view key) const {
    std::string where = location();
    if (key.empty()) return where;
    if (!where.empty() && where.back() != '/') where += '/';
    where += key;
    return where;
}

namespace {

// Quotes a key for an error message so that NULs and empty keys stay visible.
std::string quoted(std::string_view key) {
    std::string out = "\"";
    for (char c : key) {
        if (c == '\0') {
            out += "\\0";
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace

Result<void> validate_key(std::string_view key) {
    auto bad = [&](const char* why) {
        return fail(ErrorCode::InvalidArgument, "invalid store key " + quoted(key) + ": " + why);
    };
    if (key.empty()) return bad("the key is empty");
    if (key.front() == '/') return bad("absolute paths are not keys");
    if (key.find('\0') != std::string_view::npos) return bad("keys may not contain a NUL byte");
    if (key.find('\\') != std::string_view::npos) return bad("keys may not contain a backslash");
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = key.find('/', start);
        const std::string_view segment =
            key.substr(start, slash == std::string_view::npos ? key.size() - start : slash - start);
        if (segment.empty()) return bad("empty path segment ('//' or a trailing '/')");
        if (segment == ".") return bad("'.' segments are not allowed");
        if (segment == "..") return bad("'..' segments are not allowed");
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return {};
}

}  // namespace cs
