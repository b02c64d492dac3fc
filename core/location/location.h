// A location is a filesystem path that may walk into a store or file:
// "data/g.zarr/calldata/genotype" is the array "calldata/genotype" inside the Zarr store
// "data/g.zarr"; "run.h5/grp/ds" is a dataset inside an HDF5 file. open_location() finds where the
// filesystem part ends and opens the container there.
#pragma once

#include <memory>
#include <string>

#include "core/array/container.h"
#include "core/util/result.h"

namespace cs {

struct OpenedLocation {
    std::shared_ptr<Container> container;
    std::string inner_path;  // path of the node inside the container, "" for its root
};

// Settings that change how a container opens its arrays; the defaults keep every format's usual
// view, so callers that pass nothing see no change.
struct LocationOptions {
    // Zarr v3 sharded arrays: true makes each whole shard one chunk (one engine task per shard);
    // false (default) makes each inner chunk one chunk. Ignored by other formats.
    bool shards_as_chunks = false;
};

// Walks the path's prefixes from the shortest: the first that is a directory holding .zgroup,
// .zarray or .zmetadata is a Zarr v2 store (zarr.json: Zarr v3); the first that is a regular file
// is an HDF5 / NetCDF-4 file. The rest of the path must name a node inside it. Errors: NotFound
// naming the missing path or inner node; Unsupported for a directory or file that is no store.
Result<OpenedLocation> open_location(const std::string& location,
                                     const LocationOptions& options = {});

}  // namespace cs
