// A store held in memory: tests, scratch targets, and arrays built on the fly. Safe for many
// readers and writers at once (one shared_mutex; values are copied in and out, so no caller ever
// sees a value change under it).
#pragma once

#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/store/store.h"

namespace cs {

class MemoryStore final : public Store {
public:
    Result<std::optional<Bytes>> get(std::string_view key) const override;
    Result<std::optional<Bytes>> get_range(std::string_view key, std::uint64_t offset,
                                           std::uint64_t length) const override;
    Result<void> set(std::string_view key, ByteSpan value) override;
    Result<void> erase(std::string_view key) override;
    Result<std::vector<std::string>> list_prefix(std::string_view prefix) const override;
    Result<std::vector<std::string>> list_dir(std::string_view prefix) const override;
    Result<std::optional<std::uint64_t>> size(std::string_view key) const override;
    Result<std::optional<Bytes>> get_limited(std::string_view key,
                                             std::uint64_t max_bytes) const override;

    std::string type_name() const override { return "MemoryStore"; }
    std::string location() const override { return "<memory>"; }

private:
    mutable std::shared_mutex mutex_;
    // Hashed, not sorted: a chunk read is one hash lookup (an engine task over a tiny chunk spent
    // more time comparing keys in a tree than summing). Listings sort what they return.
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const {
            return std::hash<std::string_view>{}(key);
        }
    };
    std::unordered_map<std::string, Bytes, KeyHash, std::equal_to<>> values_;
};

}  // namespace cs
