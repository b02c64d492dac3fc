// A store held in memory: tests, scratch targets, and arrays built on the fly. Safe for many
// readers and writers at once (one shared_mutex; values are copied in and out, so no caller ever
// sees a value change under it).
#pragma once

#include <map>
#include <shared_mutex>
#include <string>

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

    std::string type_name() const override { return "MemoryStore"; }
    std::string location() const override { return "<memory>"; }

private:
    mutable std::shared_mutex mutex_;
    std::map<std::string, Bytes, std::less<>> values_;  // sorted, so listings come out sorted
};

}  // namespace cs
