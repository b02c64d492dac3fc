// An open HDF5 file shared by the container and every array opened from it. The last owner
// closes it, under the lock (H5File's destructor is an HDF5 call like any other).
#pragma once

#include <H5Cpp.h>

#include <memory>
#include <string>

#include "core/util/result.h"

namespace cs {

struct Hdf5File {
    std::string path;  // as the user gave it, for messages
    H5::H5File h5;
    bool writable = false;
};

enum class Hdf5OpenMode { ReadOnly, ReadWrite, Truncate };

// Opens (or for ReadWrite creates when missing) `path`. Takes the lock itself. A missing file is
// NotFound, a file that is not HDF5 or is truncated is Corrupt; both name the path.
Result<std::shared_ptr<Hdf5File>> open_hdf5_file(const std::string& path, Hdf5OpenMode mode);

}  // namespace cs
