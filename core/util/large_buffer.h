// Memory for large byte buffers (decoded chunks of tens of MB). malloc gives such blocks fresh
// mmap'd pages every time, and the kernel then takes one page fault per 4 KiB the decoder
// writes: an expression over two 60 MB chunks spent half its CPU in 86,000 page faults. Large
// blocks here are 2 MiB-aligned mappings marked for transparent huge pages (one fault per 2 MiB
// where the kernel allows it), and a few freed blocks are kept for the next chunk of the same
// size, whose pages are then already there.
#pragma once

#include <cstddef>

namespace cs {

// Blocks at least this large come from allocate_large(); smaller ones from operator new.
inline constexpr std::size_t kLargeBufferThreshold = std::size_t{1} << 20;

// Throws std::bad_alloc when the system has no memory left, like operator new.
void* allocate_large(std::size_t bytes);
// How a fresh zeroed block's pages come. Huge: 2 MiB at a time, one fault per 2 MiB. Small: 4 KiB
// at a time, for a block whose first write must be quick (a trace lane's first task record: the
// kernel clearing, and at times first compacting memory for, a huge page held a lane 0.2-2 ms at
// a run's start).
enum class PageSize { Huge, Small };
// Like allocate_large(), but the block reads as zeros. A fresh mapping is returned untouched: the
// kernel supplies zero pages as they are first written, so memory nobody writes is never paid
// for (a trace's task records). A reused block is cleared with memset.
void* allocate_large_zeroed(std::size_t bytes, PageSize pages = PageSize::Huge);
// `bytes` as given to allocate_large() or allocate_large_zeroed().
void release_large(void* block, std::size_t bytes) noexcept;

// For a program's main(): glibc's malloc serves blocks of 128 KiB and up (raised on the fly to the
// largest freed) as fresh mappings, and returns freed memory at the top of its heaps to the
// kernel, so the stored bytes of every chunk (hundreds of KB) were written into new pages, one
// fault per 4 KiB: two thirds of an allele count's page faults. This fixes the mapping
// threshold at 32 MiB (the top of glibc's own moving threshold: fixing it lower sent blosc's
// per-call scratch buffers to fresh mappings, 79,000 faults in an in-memory recode copy) and
// keeps up to 64 MiB of freed heap memory for the next chunk. Byte buffers of 1 MiB and up come
// from allocate_large() either way.
void keep_chunk_sized_blocks_in_heap();

}  // namespace cs
