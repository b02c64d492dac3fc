// The index of one shard: for each inner chunk (C order) its byte offset and length inside the
// shard, both 2^64-1 for an empty inner chunk. Validation rejects ranges past the end of the
// shard, ranges that overlap each other or the index itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace cs::zarr3 {

struct ShardIndexEntry {
    static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
    std::uint64_t offset = kEmpty;
    std::uint64_t nbytes = kEmpty;
    bool empty() const { return offset == kEmpty && nbytes == kEmpty; }
};

struct ShardIndex {
    std::vector<ShardIndexEntry> entries;

    std::uint64_t present() const;
    // `shard_size`: the whole shard's length; the index occupies [index_begin, index_end).
    // Errors name `what` (the shard key) and the entry.
    Result<void> validate(std::uint64_t shard_size, std::uint64_t index_begin,
                          std::uint64_t index_end, const std::string& what) const;
};

}  // namespace cs::zarr3
