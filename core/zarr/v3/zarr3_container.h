// The hierarchy of a Zarr v3 store. Nodes are found by their zarr.json; a folder without one
// that holds nodes below it is an implicit group. When the root zarr.json carries inline
// consolidated metadata, nodes are described from it without reading their zarr.json.
#pragma once

#include <memory>

#include "core/array/container.h"
#include "core/store/store.h"
#include "core/zarr/v3/metadata.h"
#include "core/zarr/v3/zarr3.h"

namespace cs::zarr3 {

class Zarr3Container final : public Container {
public:
    static Result<std::shared_ptr<Zarr3Container>> open(std::shared_ptr<Store> store,
                                                        const Zarr3OpenOptions& options = {});

    std::string location() const override { return store_->location(); }
    std::string format() const override { return "Zarr v3"; }
    Result<NodeSummary> node(std::string_view path) const override;
    Result<std::vector<NodeSummary>> children(std::string_view path) const override;
    Result<Json> attributes(std::string_view path) const override;
    Result<std::unique_ptr<ChunkedArray>> open_array(std::string_view path) const override;

private:
    Zarr3Container(std::shared_ptr<Store> store, const Zarr3OpenOptions& options)
        : store_(std::move(store)), options_(options) {}
    // The node's zarr.json document; nullopt when it has none (implicit group or nothing).
    Result<std::optional<Json>> document(const std::string& path) const;
    Result<bool> has_descendant_node(const std::string& path) const;
    Result<NodeSummary> summarize(const std::string& path, bool with_stored_bytes) const;

    std::shared_ptr<Store> store_;
    Zarr3OpenOptions options_;
    std::optional<Json::Object> consolidated_;
};

}  // namespace cs::zarr3
