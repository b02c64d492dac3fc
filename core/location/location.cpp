#include "core/location/location.h"

#include <filesystem>
#include <system_error>
#include <vector>

#include "core/store/directory_store.h"
#include "core/zarr/zarr.h"
#include "core/zarr/zarr_container.h"

#ifdef CS_WITH_HDF5
#include "core/hdf5/hdf5.h"
#endif
#ifdef CS_WITH_ZARR3
#include "core/zarr/v3/zarr3.h"
#endif

namespace cs {

namespace {

namespace fs = std::filesystem;

bool has_file(const fs::path& dir, const char* name) {
    std::error_code ec;
    return fs::is_regular_file(dir / name, ec);
}

// "a/b//c/" -> ["a", "b", "c"]; a leading '/' is kept as its own first part.
std::vector<std::string> split_location(const std::string& location) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    if (!location.empty() && location.front() == '/') {
        parts.push_back("/");
        start = 1;
    }
    while (start <= location.size()) {
        const auto slash = location.find('/', start);
        const auto end = slash == std::string::npos ? location.size() : slash;
        if (end > start) parts.push_back(location.substr(start, end - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return parts;
}

std::string join_parts(const std::vector<std::string>& parts, std::size_t begin, std::size_t end) {
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
        if (!out.empty() && out.back() != '/') out += '/';
        out += parts[i];
    }
    return out;
}

// The inner path must exist: a location that names nothing is an error, not an empty view.
Result<OpenedLocation> finish(std::shared_ptr<Container> container, std::string inner,
                              const std::string& location) {
    if (!inner.empty()) {
        auto node = container->node(inner);
        if (!node) {
            if (node.error().code == ErrorCode::NotFound) {
                return fail(ErrorCode::NotFound, location + ": \"" + inner +
                                                     "\" does not exist inside " +
                                                     container->location());
            }
            return fail(node.error());
        }
    }
    return OpenedLocation{std::move(container), std::move(inner)};
}

}  // namespace

Result<OpenedLocation> open_location(const std::string& location, const LocationOptions& options) {
    if (location.empty()) return fail(ErrorCode::InvalidArgument, "empty location");
    const std::vector<std::string> parts = split_location(location);
    for (std::size_t n = 1; n <= parts.size(); ++n) {
        const std::string prefix = join_parts(parts, 0, n);
        const std::string inner = join_parts(parts, n, parts.size());
        std::error_code ec;
        const fs::file_status status = fs::status(prefix, ec);
        if (ec || !fs::exists(status)) {
            return fail(ErrorCode::NotFound, location + ": " + prefix + " does not exist");
        }
        if (fs::is_directory(status)) {
            if (has_file(prefix, ".zgroup") || has_file(prefix, ".zarray") ||
                has_file(prefix, ".zmetadata")) {
                if (has_file(prefix, "zarr.json")) {  // Zarr v3 hook: an ambiguous store
                    return fail(ErrorCode::Corrupt,
                                prefix +
                                    ": both zarr.json (Zarr v3) and Zarr v2 metadata are "
                                    "present; cannot tell which format the store is");
                }
                auto store = std::make_shared<DirectoryStore>(prefix);
                CS_ASSIGN_OR_RETURN(std::shared_ptr<Container> container,
                                    open_zarr_container(std::move(store)));
                return finish(std::move(container), normalize_node_path(inner), location);
            }
            if (has_file(prefix, "zarr.json")) {
                // Hook (b): Zarr v3 stores, opened by core/zarr/v3 when it is built.
#ifdef CS_WITH_ZARR3
                auto store = std::make_shared<DirectoryStore>(prefix);
                CS_ASSIGN_OR_RETURN(
                    std::shared_ptr<Container> container,
                    open_zarr_v3_container(
                        std::move(store),
                        Zarr3OpenOptions{.shards_as_chunks = options.shards_as_chunks}));
                return finish(std::move(container), normalize_node_path(inner), location);
#else
                return fail(ErrorCode::Unsupported,
                            prefix + ": Zarr v3 store (zarr.json), not supported in this build");
#endif
            }
            continue;  // an ordinary folder on the way to the store
        }
        if (fs::is_regular_file(status)) {
            // Hook (a): HDF5 / NetCDF-4 files, opened by core/hdf5 when it is built.
#ifdef CS_WITH_HDF5
            if (!looks_like_hdf5(prefix)) {
                return fail(ErrorCode::Unsupported,
                            prefix +
                                ": not an HDF5 / NetCDF-4 file (no HDF5 signature) and not "
                                "a Zarr store");
            }
            CS_ASSIGN_OR_RETURN(std::shared_ptr<Container> container, open_hdf5_container(prefix));
            return finish(std::move(container), normalize_node_path(inner), location);
#else
            return fail(
                ErrorCode::Unsupported,
                prefix + ": not a Zarr store, and HDF5 files are not supported in this build");
#endif
        }
        return fail(ErrorCode::Unsupported, prefix + ": neither a folder nor a regular file");
    }
    return fail(ErrorCode::Unsupported,
                location +
                    ": not a Zarr store or HDF5 file (no .zgroup, .zarray, .zmetadata or "
                    "zarr.json in it or its parent folders)");
}

}  // namespace cs
