#include "ui/window/location_opener.h"

#if __has_include("core/location/location.h")
#include "core/location/location.h"
#define CS_UI_HAVE_LOCATION 1
#else
// Interim, until core's open_location lands: open the root of a Zarr v2 directory store or an
// HDF5 / NetCDF-4 file (no paths inside them).
#include <filesystem>

#include "core/hdf5/hdf5.h"
#include "core/store/directory_store.h"
#include "core/zarr/zarr.h"
#endif

namespace cs::ui {

Result<OpenedContainer> openWithCore(const std::string& location) {
#ifdef CS_UI_HAVE_LOCATION
    CS_ASSIGN_OR_RETURN(auto opened, open_location(location));
    return OpenedContainer{std::move(opened.container), std::move(opened.inner_path)};
#else
    std::error_code ec;
    const auto status = std::filesystem::status(location, ec);
    if (ec || !std::filesystem::exists(status))
        return fail(ErrorCode::NotFound, location + ": no such file or directory");
    if (std::filesystem::is_directory(status)) {
        CS_ASSIGN_OR_RETURN(auto container,
                            open_zarr_container(std::make_shared<DirectoryStore>(location)));
        return OpenedContainer{std::move(container), ""};
    }
    CS_ASSIGN_OR_RETURN(auto container, open_hdf5_container(location));
    return OpenedContainer{std::move(container), ""};
#endif
}

}  // namespace cs::ui
