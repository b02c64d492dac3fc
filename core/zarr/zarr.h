// Zarr format v2: the public entry points. Metadata parsing (zarr_metadata.*) is kept apart from
// the array driver (zarr_array.*) and the hierarchy (zarr_container.*).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/array/chunked_array.h"
#include "core/array/container.h"
#include "core/store/store.h"

namespace cs {

struct ZarrCreateOptions {
    Shape shape;
    Shape chunks;
    DType dtype;
    char order = 'C';
    Json compressor;  // numcodecs config, or null for none
    Json filters;     // list of numcodecs configs, or null for none
    Json fill_value;  // as Zarr writes it in .zarray: null, number, "NaN", base64 ...
    std::string dimension_separator = ".";
    Json attributes = Json::object();  // written to .zattrs when not empty
};

// Opens the array whose .zarray is at `path` inside `store` ("" when the store is the array).
Result<std::unique_ptr<ChunkedArray>> open_zarr_array(std::shared_ptr<Store> store,
                                                      const std::string& path);

// Writes .zarray (+ .zattrs), creating .zgroup for missing parent groups, and returns the array
// open for writing. Fails if an array or group already exists at `path` unless `overwrite`
// (which erases the old array's keys first).
Result<std::unique_ptr<ChunkedArray>> create_zarr_array(std::shared_ptr<Store> store,
                                                        const std::string& path,
                                                        const ZarrCreateOptions& options,
                                                        bool overwrite = false);

// The hierarchy of a Zarr v2 store (uses .zmetadata when consolidated).
Result<std::shared_ptr<Container>> open_zarr_container(std::shared_ptr<Store> store);

}  // namespace cs
