#include "core/store/memory_store.h"

#include <algorithm>
#include <cstring>
#include <mutex>

#include "core/store/key_prefix.h"
#include "core/store/range_check.h"

namespace cs {

Result<std::optional<Bytes>> MemoryStore::get(std::string_view key) const {
    CS_RETURN_IF_ERROR(validate_key(key));
    std::shared_lock lock(mutex_);
    const auto it = values_.find(key);
    if (it == values_.end()) return std::optional<Bytes>();
    return std::optional<Bytes>(copy_bytes(it->second));
}

Result<std::optional<Bytes>> MemoryStore::get_range(std::string_view key, std::uint64_t offset,
                                                    std::uint64_t length) const {
    CS_RETURN_IF_ERROR(validate_key(key));
    std::shared_lock lock(mutex_);
    const auto it = values_.find(key);
    if (it == values_.end()) return std::optional<Bytes>();
    CS_RETURN_IF_ERROR(check_range(describe_key(key), offset, length, it->second.size()));
    Bytes out(length);
    if (length) std::memcpy(out.data(), it->second.data() + offset, length);
    return std::optional<Bytes>(std::move(out));
}

Result<void> MemoryStore::set(std::string_view key, ByteSpan value) {
    CS_RETURN_IF_ERROR(validate_key(key));
    Bytes copy = copy_bytes(value);  // copy outside the lock
    std::unique_lock lock(mutex_);
    const auto it = values_.find(key);
    if (it != values_.end()) {
        it->second.swap(copy);
    } else {
        values_.emplace(std::string(key), std::move(copy));
    }
    lock.unlock();  // the old value (now in `copy`) is freed outside the lock
    return {};
}

Result<void> MemoryStore::erase(std::string_view key) {
    CS_RETURN_IF_ERROR(validate_key(key));
    std::unique_lock lock(mutex_);
    const auto it = values_.find(key);
    if (it != values_.end()) values_.erase(it);
    return {};
}

Result<std::vector<std::string>> MemoryStore::list_prefix(std::string_view prefix) const {
    CS_RETURN_IF_ERROR(split_list_prefix(prefix));
    std::vector<std::string> keys;
    {
        std::shared_lock lock(mutex_);
        for (const auto& [key, value] : values_)
            if (key.starts_with(prefix)) keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

Result<std::vector<std::string>> MemoryStore::list_dir(std::string_view prefix) const {
    CS_ASSIGN_OR_RETURN(std::string folder, normalize_dir_prefix(prefix));
    const std::string start = folder.empty() ? std::string() : folder + "/";
    std::vector<std::string> names;
    {
        std::shared_lock lock(mutex_);
        for (const auto& [key, value] : values_) {
            if (!key.starts_with(start)) continue;
            const std::string_view rest = std::string_view(key).substr(start.size());
            names.emplace_back(rest.substr(0, rest.find('/')));
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

Result<std::optional<std::uint64_t>> MemoryStore::size(std::string_view key) const {
    CS_RETURN_IF_ERROR(validate_key(key));
    std::shared_lock lock(mutex_);
    const auto it = values_.find(key);
    if (it == values_.end()) return std::optional<std::uint64_t>();
    return std::optional<std::uint64_t>(it->second.size());
}

}  // namespace cs

namespace cs {

Result<std::optional<Bytes>> MemoryStore::get_limited(std::string_view key,
                                                      std::uint64_t max_bytes) const {
    CS_RETURN_IF_ERROR(validate_key(key));
    std::shared_lock lock(mutex_);
    const auto it = values_.find(key);
    if (it == values_.end()) return std::optional<Bytes>();
    if (it->second.size() > max_bytes)
        return value_too_large(*this, key, it->second.size(), max_bytes);
    return std::optional<Bytes>(copy_bytes(it->second));
}

}  // namespace cs
