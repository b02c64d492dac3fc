// Opens what the user names (a Zarr store directory, a path inside one, an HDF5 / NetCDF-4 file)
// through core's open_location. Kept behind a std::function so tests can open in-memory
// containers and the window never depends on which formats core was built with.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/array/container.h"
#include "core/util/result.h"

namespace cs::ui {

struct OpenedContainer {
    std::shared_ptr<Container> container;
    std::string innerPath;  // the group or array inside the container the location pointed at
};

using LocationOpener = std::function<Result<OpenedContainer>(const std::string& location)>;

// core's open_location (Zarr directories, HDF5/NetCDF-4 files).
Result<OpenedContainer> openWithCore(const std::string& location);

}  // namespace cs::ui
