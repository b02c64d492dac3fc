// Decoded chunks recently shown, bounded by bytes and evicting the least recently used, so
// scrolling back and forth over a huge array does not decode the same chunks again.
// Thread-safe: background readers insert, the GUI thread looks up.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "core/util/bytes.h"

namespace cs::ui {

class ChunkCache {
public:
    explicit ChunkCache(std::uint64_t maxBytes = 64ull << 20) : maxBytes_(maxBytes) {}

    std::shared_ptr<const Bytes> find(std::uint64_t chunk);
    void insert(std::uint64_t chunk, std::shared_ptr<const Bytes> bytes);
    void clear();
    std::uint64_t bytes() const;
    std::size_t size() const;

private:
    struct Entry {
        std::shared_ptr<const Bytes> bytes;
        std::list<std::uint64_t>::iterator position;
    };
    mutable std::mutex mutex_;
    std::uint64_t maxBytes_;
    std::uint64_t bytes_ = 0;
    std::list<std::uint64_t> recency_;  // front: most recently used
    std::unordered_map<std::uint64_t, Entry> entries_;
};

}  // namespace cs::ui
