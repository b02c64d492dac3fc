// The hierarchy of a Zarr v2 store: groups (.zgroup) and arrays (.zarray) at any depth, with
// .zattrs. When the store root has a consolidated .zmetadata, every metadata document is taken
// from it (as zarr.open_consolidated does) and the store is only asked for chunk sizes.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/array/container.h"
#include "core/store/store.h"

namespace cs {

class ZarrContainer final : public Container {
public:
    static Result<std::shared_ptr<ZarrContainer>> open(std::shared_ptr<Store> store);

    std::string location() const override { return store_->location(); }
    std::string format() const override { return "Zarr v2"; }
    Result<NodeSummary> node(std::string_view path) const override;
    Result<std::vector<NodeSummary>> children(std::string_view path) const override;
    Result<Json> attributes(std::string_view path) const override;
    Result<std::unique_ptr<ChunkedArray>> open_array(std::string_view path) const override;

    bool consolidated() const { return consolidated_.has_value(); }
    const std::shared_ptr<Store>& store() const { return store_; }

private:
    explicit ZarrContainer(std::shared_ptr<Store> store) : store_(std::move(store)) {}
    // A metadata document (".zarray", ".zgroup", ".zattrs") of the node at `path`; nullopt when
    // absent.
    Result<std::optional<Json>> metadata(const std::string& path, const char* name) const;
    Result<NodeSummary> summarize(const std::string& path, bool with_stored_bytes) const;

    std::shared_ptr<Store> store_;
    std::optional<std::map<std::string, Json, std::less<>>> consolidated_;
};

// "/a/b/" -> "a/b": container paths are '/'-separated without leading or trailing '/'.
std::string normalize_node_path(std::string_view path);

}  // namespace cs
