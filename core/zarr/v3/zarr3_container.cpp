#include "core/zarr/v3/zarr3_container.h"

#include "core/zarr/v3/zarr3.h"

namespace cs::zarr3 {
namespace {

std::string join(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "/" + name;
}

std::string last_segment(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Result<std::shared_ptr<Zarr3Container>> Zarr3Container::open(std::shared_ptr<Store> store,
                                                             const Zarr3OpenOptions& options) {
    if (!store) return fail(ErrorCode::InvalidArgument, "open_zarr_v3_container: no store");
    std::shared_ptr<Zarr3Container> c(new Zarr3Container(store, options));
    CS_ASSIGN_OR_RETURN(auto root, c->document(""));
    if (!root)
        return fail(ErrorCode::NotFound,
                    store->describe_key("zarr.json") + ": no zarr.json (not a Zarr v3 store)");
    CS_ASSIGN_OR_RETURN(bool has_v2_array, store->exists(".zarray"));
    CS_ASSIGN_OR_RETURN(bool has_v2_group, store->exists(".zgroup"));
    if (has_v2_array || has_v2_group)
        return fail(ErrorCode::Corrupt, store->describe_key("zarr.json") +
                                            ": both zarr.json and Zarr v2 metadata are present");
    CS_ASSIGN_OR_RETURN(std::string type, parse_node_type(*root, store->describe_key("zarr.json")));
    if (type == "group") {
        CS_ASSIGN_OR_RETURN(GroupMetadata g,
                            parse_group_metadata(*root, store->describe_key("zarr.json")));
        c->consolidated_ = std::move(g.consolidated);
    }
    return c;
}

Result<std::optional<Json>> Zarr3Container::document(const std::string& path) const {
    if (consolidated_ && !path.empty()) {
        for (const auto& [p, doc] : *consolidated_)
            if (p == path) return std::optional<Json>(doc);
    }
    const std::string key = join(path, "zarr.json");
    CS_ASSIGN_OR_RETURN(auto text, store_->get(key));
    if (!text) return std::optional<Json>();
    CS_ASSIGN_OR_RETURN(Json doc, parse_json(as_string_view(*text), store_->describe_key(key)));
    return std::optional<Json>(std::move(doc));
}

Result<bool> Zarr3Container::has_descendant_node(const std::string& path) const {
    CS_ASSIGN_OR_RETURN(auto keys, store_->list_prefix(path.empty() ? "" : path + "/"));
    for (const auto& k : keys)
        if (k == "zarr.json" || k.ends_with("/zarr.json")) return true;
    return false;
}

Result<NodeSummary> Zarr3Container::summarize(const std::string& path,
                                              bool with_stored_bytes) const {
    NodeSummary s;
    s.path = path;
    s.name = last_segment(path);
    const std::string what = store_->describe_key(join(path, "zarr.json"));
    CS_ASSIGN_OR_RETURN(auto doc, document(path));
    if (!doc) {
        CS_ASSIGN_OR_RETURN(bool implicit, has_descendant_node(path));
        if (!implicit)
            return fail(
                ErrorCode::NotFound,
                store_->describe_key(path.empty() ? "zarr.json" : path) + ": no Zarr v3 node here");
        s.kind = NodeKind::Group;
        s.implicit = true;
        return s;
    }
    auto type = parse_node_type(*doc, what);
    if (!type) {
        s.kind = NodeKind::Broken;
        s.note = type.error().describe();
        return s;
    }
    if (*type == "group") {
        s.kind = NodeKind::Group;
        return s;
    }
    s.kind = NodeKind::Array;
    auto meta = parse_array_metadata(*doc, what);
    if (!meta) {
        s.kind = NodeKind::Broken;
        s.note = meta.error().describe();
        return s;
    }
    s.shape = meta->shape;
    s.chunk_shape = meta->chunk_shape;
    s.dtype = meta->dtype.display_name();
    s.nbytes = meta->dtype.itemsize;
    for (auto d : meta->shape) s.nbytes *= d;
    if (with_stored_bytes) {
        // Per stored key (whole shards): the sum of what the array occupies.
        Zarr3OpenOptions whole;
        whole.shards_as_chunks = true;
        auto array = open_zarr_v3_array(store_, path, whole);
        if (!array) {
            s.kind = NodeKind::Broken;
            s.note = array.error().describe();
            return s;
        }
        auto storage = (*array)->chunk_storage();
        if (storage) {
            std::uint64_t total = 0;
            for (const auto& c : *storage) total += c.stored_bytes;
            s.stored_bytes = total;
        }
        auto layout = zarr3_shard_layout(**array);
        if (layout) s.chunk_shape = layout->inner_chunk_shape;
    }
    return s;
}

Result<NodeSummary> Zarr3Container::node(std::string_view path) const {
    return summarize(std::string(path), true);
}

Result<std::vector<NodeSummary>> Zarr3Container::children(std::string_view path_view) const {
    const std::string path(path_view);
    CS_ASSIGN_OR_RETURN(NodeSummary self, summarize(path, false));
    if (self.kind != NodeKind::Group)
        return fail(ErrorCode::InvalidArgument,
                    store_->describe_key(path) + ": is not a group, it has no children");
    std::vector<NodeSummary> out;
    CS_ASSIGN_OR_RETURN(auto names, store_->list_dir(path));
    for (const auto& name : names) {
        if (name == "zarr.json") continue;
        const std::string child = join(path, name);
        CS_ASSIGN_OR_RETURN(auto doc, document(child));
        if (!doc) {
            CS_ASSIGN_OR_RETURN(bool implicit, has_descendant_node(child));
            if (!implicit) continue;  // chunk folders and stray files are not nodes
        }
        CS_ASSIGN_OR_RETURN(NodeSummary s, summarize(child, true));
        out.push_back(std::move(s));
    }
    return out;
}

Result<Json> Zarr3Container::attributes(std::string_view path) const {
    CS_ASSIGN_OR_RETURN(auto doc, document(std::string(path)));
    if (!doc) return Json::object();  // implicit groups have no attributes
    const Json* attrs = doc->find("attributes");
    return attrs && attrs->is_object() ? *attrs : Json::object();
}

Result<std::unique_ptr<ChunkedArray>> Zarr3Container::open_array(std::string_view path) const {
    return open_zarr_v3_array(store_, std::string(path), options_);
}

}  // namespace cs::zarr3

namespace cs {
Result<std::shared_ptr<Container>> open_zarr_v3_container(std::shared_ptr<Store> store,
                                                          const Zarr3OpenOptions& options) {
    CS_ASSIGN_OR_RETURN(auto c, zarr3::Zarr3Container::open(std::move(store), options));
    return std::shared_ptr<Container>(std::move(c));
}
}  // namespace cs
