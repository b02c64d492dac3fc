// Zarr v2 "order": "F" stores each chunk in Fortran order (first axis fastest). Decoded chunks
// are always handed out in C order, so F chunks are transposed on the way in and out.
#pragma once

#include <cstddef>

#include "core/array/chunk_grid.h"
#include "core/util/bytes.h"

namespace cs {

// `src` holds a chunk of `shape` in Fortran order; returns it in C order.
Bytes fortran_to_c_order(ByteSpan src, const Shape& shape, std::size_t itemsize);
// `src` holds a chunk of `shape` in C order; returns it in Fortran order.
Bytes c_to_fortran_order(ByteSpan src, const Shape& shape, std::size_t itemsize);

}  // namespace cs
