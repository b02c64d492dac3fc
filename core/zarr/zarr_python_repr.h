// The text zarr-python's `Array.info` prints, reproduced field by field: Python reprs of tuples,
// NumPy's str(dtype), numcodecs' codec reprs and zarr's human-readable byte counts. Kept in one
// place so `chunkscope-cli info` reads exactly like `zarr.open(...).info`.
#pragma once

#include <cstdint>
#include <string>

#include "core/array/chunk_grid.h"
#include "core/array/dtype.h"
#include "core/json/json.h"

namespace cs {

// Python's repr of a tuple of ints: "()", "(10,)", "(100, 100)".
std::string python_tuple_repr(const Shape& shape);
// Python's repr of a JSON-like value: None, True, 1.5, 'text', [..], {'k': v}.
std::string python_repr(const Json& value);
// NumPy's str(dtype): "int32", ">i4", "datetime64[ns]", "|S3", "[('a', '<i4'), ('b', '>f8')]".
std::string numpy_dtype_str(const DType& dtype);
// numcodecs' repr of a codec from its config: "Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE,
// blocksize=0)", "Zlib(level=1)"; "None" for null.
std::string numcodecs_repr(const Json& config);
// zarr's human_readable_size: "999", "39.1K", "1.5M".
std::string zarr_human_size(std::uint64_t n);
// zarr's info byte count: "80" up to 1024, else "40000 (39.1K)".
std::string zarr_info_bytes(std::uint64_t n);

}  // namespace cs
