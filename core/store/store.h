// Key -> bytes. Zarr sees a store as a flat map of '/'-separated keys ("calldata/genotype/0.0");
// the store decides where the bytes live. Every store passes one conformance suite
// (tests/unit/store_conformance.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

class Store {
public:
    virtual ~Store() = default;

    // The value of `key`, or nullopt when the key does not exist (a missing chunk is normal).
    virtual Result<std::optional<Bytes>> get(std::string_view key) const = 0;
    // `length` bytes from `offset` (for shard indexes and inner chunks); nullopt when the key does
    // not exist; an error when the range goes past the end of the value.
    virtual Result<std::optional<Bytes>> get_range(std::string_view key, std::uint64_t offset,
                                                   std::uint64_t length) const = 0;
    // Atomic: a reader sees the old value or the new one, never a torn value.
    virtual Result<void> set(std::string_view key, ByteSpan value) = 0;
    // Removing a missing key is not an error.
    virtual Result<void> erase(std::string_view key) = 0;
    // Every key that starts with `prefix` (recursively), sorted.
    virtual Result<std::vector<std::string>> list_prefix(std::string_view prefix) const = 0;
    // Immediate children of the "directory" `prefix` ("" for the root; no trailing '/'): names of
    // keys and of sub-prefixes, sorted, without the prefix.
    virtual Result<std::vector<std::string>> list_dir(std::string_view prefix) const = 0;
    // Stored size of a value, nullopt when absent. Cheap (no read) where the store allows.
    virtual Result<std::optional<std::uint64_t>> size(std::string_view key) const = 0;
    virtual Result<bool> exists(std::string_view key) const;
    // get(), except that a value larger than `max_bytes` is not loaded: a Corrupt error naming
    // the key instead (a stray huge file where a fixed-size chunk belongs). The default asks
    // size() first; stores that can check while reading do it in one lookup.
    virtual Result<std::optional<Bytes>> get_limited(std::string_view key,
                                                     std::uint64_t max_bytes) const;

    // "DirectoryStore", "MemoryStore": what zarr-python's info calls the store type.
    virtual std::string type_name() const = 0;
    // Where the store lives, for error messages: a folder path, or "<memory>".
    virtual std::string location() const = 0;
    // location() joined with a key: "data/g.zarr/calldata/genotype/0.0".
    std::string describe_key(std::string_view key) const;
};

// The error get_limited() gives for a value of `bytes` bytes.
std::unexpected<Error> value_too_large(const Store& store, std::string_view key,
                                       std::uint64_t bytes, std::uint64_t max_bytes);

// Accepts "a/b/c" style keys. Rejects (InvalidArgument) an empty key, an absolute path, a
// backslash, an empty segment ("a//b", trailing '/'), "." and ".." segments, and NUL bytes, so no
// key can reach outside a DirectoryStore's root.
Result<void> validate_key(std::string_view key);

}  // namespace cs
