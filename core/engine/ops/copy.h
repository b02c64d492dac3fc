// Chunked copy of any array into a writable target of the same shape and element type (any
// chunk shape, codec or byte order). With equal chunk shapes each task copies one chunk (absent
// source chunks stay absent); otherwise each target chunk reads every source chunk it overlaps
// (rechunk). Every write is atomic (ChunkedArray::write_stored_chunk), so a cancelled or failed
// copy leaves each target chunk whole or absent. The source is only read.
#pragma once

#include <memory>

#include "core/array/chunked_array.h"
#include "core/engine/plan.h"

namespace cs::engine {

struct CopyOptions {
    // Decode and re-encode every chunk even when source and target store chunks the same way
    // (by default such a copy moves the stored bytes): to measure the codec path itself.
    bool recode = false;
};

Result<std::shared_ptr<Plan>> plan_copy(std::shared_ptr<const ChunkedArray> source,
                                        std::shared_ptr<ChunkedArray> target,
                                        CopyOptions options = {});

// Copies the box [lo, hi) (global element coordinates) from a decoded source chunk whose first
// element is at `src_origin` into a decoded target chunk at `dst_origin`. Both buffers hold full
// chunks in C order of `itemsize`-byte elements.
void copy_region(const std::uint8_t* src, const Shape& src_chunk, const Shape& src_origin,
                 std::uint8_t* dst, const Shape& dst_chunk, const Shape& dst_origin,
                 const Shape& lo, const Shape& hi, std::size_t itemsize);

}  // namespace cs::engine
