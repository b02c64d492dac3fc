#include "core/zarr/zarr_container.h"

#include <algorithm>
#include <set>

#include "core/zarr/zarr_array.h"
#include "core/zarr/zarr_metadata.h"

namespace cs {

namespace {

std::string join_key(const std::string& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "/" + std::string(name);
}

std::string last_segment(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string normalize_node_path(std::string_view path) {
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    return std::string(path);
}

Result<std::shared_ptr<ZarrContainer>> ZarrContainer::open(std::shared_ptr<Store> store) {
    std::shared_ptr<ZarrContainer> c(new ZarrContainer(store));
    CS_ASSIGN_OR_RETURN(std::optional<Bytes> zmetadata, store->get(".zmetadata"));
    if (zmetadata) {
        const std::string what = store->describe_key(".zmetadata");
        CS_ASSIGN_OR_RETURN(Json doc, parse_json(as_string_view(*zmetadata), what));
        const Json* format = doc.find("zarr_consolidated_format");
        const Json* metadata = doc.find("metadata");
        if (!format || !format->is_int() || format->as_int() != 1) {
            return fail(ErrorCode::Unsupported, what + ": \"zarr_consolidated_format\" must be 1");
        }
        if (!metadata || !metadata->is_object())
            return fail(ErrorCode::Corrupt, what + ": \"metadata\" must be an object");
        c->consolidated_.emplace();
        for (const auto& [key, value] : metadata->as_object())
            c->consolidated_->emplace(key, value);
    }
    CS_ASSIGN_OR_RETURN(auto root_group, c->metadata("", ".zgroup"));
    CS_ASSIGN_OR_RETURN(auto root_array, c->metadata("", ".zarray"));
    if (!root_group && !root_array) {
        return fail(
            ErrorCode::NotFound,
            store->location() + ": not a Zarr v2 store (no .zgroup or .zarray at its root)");
    }
    return c;
}

Result<std::optional<Json>> ZarrContainer::metadata(const std::string& path,
                                                    const char* name) const {
    const std::string key = join_key(path, name);
    if (consolidated_) {
        auto it = consolidated_->find(key);
        if (it == consolidated_->end()) return std::optional<Json>{};
        return std::optional<Json>(it->second);
    }
    CS_ASSIGN_OR_RETURN(std::optional<Bytes> bytes, store_->get(key));
    if (!bytes) return std::optional<Json>{};
    CS_ASSIGN_OR_RETURN(Json doc, parse_json(as_string_view(*bytes), store_->describe_key(key)));
    return std::optional<Json>(std::move(doc));
}

Result<NodeSummary> ZarrContainer::summarize(const std::string& path,
                                             bool with_stored_bytes) const {
    NodeSummary s;
    s.path = path;
    s.name = last_segment(path);
    CS_ASSIGN_OR_RETURN(std::optional<Json> zarray, metadata(path, ".zarray"));
    if (zarray) {
        const std::string what = store_->describe_key(join_key(path, ".zarray"));
        CS_ASSIGN_OR_RETURN(ZarrArrayMetadata meta, zarray_from_json(*zarray, what));
        s.kind = NodeKind::Array;
        s.shape = meta.shape;
        s.chunk_shape = meta.chunks;
        s.dtype = meta.dtype.display_name();
        s.nbytes = ChunkGrid{meta.shape, meta.chunks}.array_elements() * meta.dtype.itemsize;
        if (with_stored_bytes) {
            CS_ASSIGN_OR_RETURN(auto array, open_array(path));
            CS_ASSIGN_OR_RETURN(auto chunks, array->chunk_storage());
            std::uint64_t total = 0;
            for (const auto& c : chunks) total += c.stored_bytes;
            s.stored_bytes = total;
        }
        return s;
    }
    CS_ASSIGN_OR_RETURN(std::optional<Json> zgroup, metadata(path, ".zgroup"));
    if (zgroup) {
        s.kind = NodeKind::Group;
        return s;
    }
    return fail(ErrorCode::NotFound,
                store_->location() + ": no array or group at \"" + path + "\"");
}

Result<NodeSummary> ZarrContainer::node(std::string_view path) const {
    return summarize(normalize_node_path(path), true);
}

Result<std::vector<NodeSummary>> ZarrContainer::children(std::string_view raw_path) const {
    const std::string path = normalize_node_path(raw_path);
    CS_ASSIGN_OR_RETURN(NodeSummary self, summarize(path, false));
    if (self.kind != NodeKind::Group) {
        return fail(ErrorCode::InvalidArgument,
                    store_->location() + ": \"" + path + "\" is an array, not a group");
    }
    std::set<std::string> names;
    if (consolidated_) {
        const std::string prefix = path.empty() ? "" : path + "/";
        for (const auto& [key, value] : *consolidated_) {
            if (key.compare(0, prefix.size(), prefix) != 0) continue;
            const std::string rest = key.substr(prefix.size());
            const auto slash = rest.find('/');
            if (slash != std::string::npos) names.insert(rest.substr(0, slash));
        }
    } else {
        CS_ASSIGN_OR_RETURN(std::vector<std::string> entries, store_->list_dir(path));
        for (auto& e : entries) {
            if (!e.empty() && e.front() != '.') names.insert(e);
        }
    }
    // A name that is no node (NotFound) is left out; one that cannot be read is shown as Broken.
    return summarize_children(
        path, std::vector<std::string>(names.begin(), names.end()),
        [&](const std::string& child) { return summarize(child, true); },
        /*skip_not_found=*/true);
}

Result<Json> ZarrContainer::attributes(std::string_view raw_path) const {
    const std::string path = normalize_node_path(raw_path);
    CS_RETURN_IF_ERROR(summarize(path, false));
    CS_ASSIGN_OR_RETURN(std::optional<Json> attrs, metadata(path, ".zattrs"));
    if (!attrs) return Json::object();
    return *attrs;
}

Result<std::unique_ptr<ChunkedArray>> ZarrContainer::open_array(std::string_view raw_path) const {
    const std::string path = normalize_node_path(raw_path);
    CS_ASSIGN_OR_RETURN(std::optional<Json> zarray, metadata(path, ".zarray"));
    if (!zarray) {
        return fail(ErrorCode::NotFound, store_->location() + ": no array at \"" + path + "\"");
    }
    CS_ASSIGN_OR_RETURN(std::optional<Json> attrs, metadata(path, ".zattrs"));
    CS_ASSIGN_OR_RETURN(
        auto array, ZarrArray::open_with(store_, path, *zarray, attrs.value_or(Json::object())));
    return std::unique_ptr<ChunkedArray>(std::move(array));
}

}  // namespace cs
