// The HDF5 / NetCDF-4 backend: open a file as a Container, or create a chunked dataset to copy
// into. Everything else in core/hdf5 is the machinery behind these two calls; the lock in
// hdf5_lock.h is public too, so the engine can take the same lock and measure its wait.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/array/chunked_array.h"
#include "core/array/container.h"
#include "core/util/result.h"

namespace cs {

// Opens an HDF5 or NetCDF-4 file read-only. format() says "NetCDF-4" when the file carries
// netCDF's markers (_NCProperties or dimension scales with _Netcdf4Dimid), else "HDF5".
Result<std::shared_ptr<Container>> open_hdf5_container(const std::string& path);

// True when the file starts with the HDF5 signature (at offset 0, 512, 1024, ...), without
// opening it through the library: lets the location resolver choose the backend cheaply.
bool looks_like_hdf5(const std::string& path);

struct Hdf5CreateOptions {
    DType dtype;                      // integer, float, bool or fixed byte-string types
    Shape shape;                      // current shape
    Shape chunk_shape;                // same rank as shape, every entry >= 1
    int gzip_level = 3;               // deflate level 0-9; -1 writes no deflate filter
    bool shuffle = false;             // byte shuffle before deflate (h5py's shuffle=True)
    std::optional<Bytes> fill_value;  // one element in dtype's byte order; nullopt: zeros
    bool replace_existing =
        true;                    // delete a dataset already at that path (else NotFound-safe error)
    bool truncate_file = false;  // start the file anew instead of adding to it
};

// Creates (or opens for writing) `file` and a chunked dataset at `dataset_path` ("a/b/c", parent
// groups created), and returns it as a writable ChunkedArray: encode_chunk() runs shuffle and
// deflate on any thread, write_stored_chunk() writes with H5Dwrite_chunk under the lock.
// Closing the returned array flushes and closes the file.
Result<std::unique_ptr<ChunkedArray>> create_hdf5_dataset(const std::string& file,
                                                          const std::string& dataset_path,
                                                          const Hdf5CreateOptions& options);

}  // namespace cs
