// A store or file that holds a hierarchy of groups and arrays: a Zarr store, an HDF5 or
// NetCDF-4 file. Paths inside are '/'-separated without a leading '/', "" for the root.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/array/chunked_array.h"
#include "core/json/json.h"
#include "core/util/result.h"

namespace cs {

enum class NodeKind {
    Group,
    Array,      // an array / dataset
    Dimension,  // NetCDF-4 dimension without a variable (a placeholder dataset)
    Link,       // an external or soft link shown as such; `note` says where it points
    Broken,     // a link or node that cannot be opened; `note` says why
};

struct NodeSummary {
    std::string name;  // last path segment ("" for the root)
    std::string path;  // full path inside the container
    NodeKind kind = NodeKind::Group;
    Shape shape;                                // arrays and dimensions
    Shape chunk_shape;                          // arrays
    std::string dtype;                          // display name, arrays only
    std::uint64_t nbytes = 0;                   // decoded size, arrays only
    std::optional<std::uint64_t> stored_bytes;  // arrays; nullopt when unknown/not computed
    bool implicit = false;                      // Zarr v3 implicit group (no zarr.json of its own)
    std::string note;                           // link target, dimension role, error text
};

class Container {
public:
    virtual ~Container() = default;

    virtual std::string location() const = 0;  // filesystem path of the store or file
    virtual std::string format() const = 0;    // "Zarr v2", "Zarr v3", "HDF5", "NetCDF-4"
    virtual Result<NodeSummary> node(std::string_view path) const = 0;
    // Children of a group, sorted by name. Arrays' stored_bytes filled in (summing chunk sizes
    // can be slow on huge stores; it is what the user asks for).
    virtual Result<std::vector<NodeSummary>> children(std::string_view path) const = 0;
    virtual Result<Json> attributes(std::string_view path) const = 0;
    virtual Result<std::unique_ptr<ChunkedArray>> open_array(std::string_view path) const = 0;
};

// For children(): the summary of each of `names` inside the group at `parent`, in that order,
// from `summarize` (called with the child's full path). A child that exists but cannot be
// summarised is shown, not hidden: a Broken node whose note is the error's message. With
// `skip_not_found`, a name whose summary is NotFound (a key that is no node) is left out.
std::vector<NodeSummary> summarize_children(
    const std::string& parent, const std::vector<std::string>& names,
    const std::function<Result<NodeSummary>(const std::string& path)>& summarize,
    bool skip_not_found = false);

}  // namespace cs
