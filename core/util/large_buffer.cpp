#include "core/util/large_buffer.h"

#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstring>
#include <mutex>
#include <new>
#include <vector>

namespace cs {

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
// Freed blocks kept for reuse: enough for a few chunks in flight per thread, bounded in bytes so
// an idle process does not sit on memory it no longer uses.
constexpr std::size_t kMaxCachedBlocks = 8;
constexpr std::size_t kMaxCachedBytes = std::size_t{512} << 20;

std::size_t mapped_size(std::size_t bytes) {
    return (bytes + kHugePage - 1) / kHugePage * kHugePage;
}

struct Cached {
    void* block;
    std::size_t size;  // mapped_size()
};

struct BlockCache {
    std::mutex mutex;
    std::vector<Cached> blocks;
    std::size_t bytes = 0;
};

BlockCache& cache() {
    static auto* c = new BlockCache;  // never destroyed: buffers may be freed during exit
    return *c;
}

void* map_aligned(std::size_t size, PageSize pages = PageSize::Huge) {
    // Over-map by one huge page and cut the ends off, so the block starts on a 2 MiB boundary
    // and every page of it can be a huge page.
    const std::size_t span = size + kHugePage;
    void* raw = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
    if (aligned > start) ::munmap(raw, aligned - start);
    const std::uintptr_t end = start + span;
    if (end > aligned + size)
        ::munmap(reinterpret_cast<void*>(aligned + size), end - aligned - size);
    void* block = reinterpret_cast<void*>(aligned);
    // Advice only: without THP it still works.
    ::madvise(block, size, pages == PageSize::Huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return block;
}

// A cached block of exactly `size` bytes, or null.
void* take_cached(std::size_t size) {
    BlockCache& c = cache();
    std::lock_guard lock(c.mutex);
    for (std::size_t i = c.blocks.size(); i-- > 0;) {
        if (c.blocks[i].size != size) continue;
        void* block = c.blocks[i].block;
        c.bytes -= size;
        c.blocks.erase(c.blocks.begin() + static_cast<std::ptrdiff_t>(i));
        return block;
    }
    return nullptr;
}

}  // namespace

void* allocate_large(std::size_t bytes) {
    const std::size_t size = mapped_size(bytes);
    if (void* block = take_cached(size)) return block;
    return map_aligned(size);
}

void* allocate_large_zeroed(std::size_t bytes, PageSize pages) {
    const std::size_t size = mapped_size(bytes);
    if (void* block = take_cached(size)) return std::memset(block, 0, bytes);
    return map_aligned(size, pages);
}

void release_large(void* block, std::size_t bytes) noexcept {
    if (!block) return;
    const std::size_t size = mapped_size(bytes);
    {
        BlockCache& c = cache();
        std::lock_guard lock(c.mutex);
        if (size <= kMaxCachedBytes) {
            // Make room by dropping the oldest blocks.
            while (!c.blocks.empty() &&
                   (c.blocks.size() >= kMaxCachedBlocks || c.bytes + size > kMaxCachedBytes)) {
                ::munmap(c.blocks.front().block, c.blocks.front().size);
                c.bytes -= c.blocks.front().size;
                c.blocks.erase(c.blocks.begin());
            }
            c.blocks.push_back({block, size});
            c.bytes += size;
            return;
        }
    }
    ::munmap(block, size);
}

void keep_chunk_sized_blocks_in_heap() {
    ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace cs
