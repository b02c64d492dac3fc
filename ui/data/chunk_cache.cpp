#include "ui/data/chunk_cache.h"

namespace cs::ui {

std::shared_ptr<const Bytes> ChunkCache::find(std::uint64_t chunk) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(chunk);
    if (it == entries_.end()) return nullptr;
    recency_.splice(recency_.begin(), recency_, it->second.position);
    return it->second.bytes;
}

void ChunkCache::insert(std::uint64_t chunk, std::shared_ptr<const Bytes> bytes) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(chunk);
    if (it != entries_.end()) {
        bytes_ -= it->second.bytes->size();
        recency_.erase(it->second.position);
        entries_.erase(it);
    }
    bytes_ += bytes->size();
    recency_.push_front(chunk);
    entries_[chunk] = Entry{std::move(bytes), recency_.begin()};
    // Keep at least the newest chunk even when it alone is over budget.
    while (bytes_ > maxBytes_ && recency_.size() > 1) {
        const std::uint64_t victim = recency_.back();
        recency_.pop_back();
        auto v = entries_.find(victim);
        bytes_ -= v->second.bytes->size();
        entries_.erase(v);
    }
}

void ChunkCache::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
    recency_.clear();
    bytes_ = 0;
}

std::uint64_t ChunkCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::size_t ChunkCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace cs::ui
