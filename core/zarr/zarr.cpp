// The public entry points of zarr.h: opening arrays and hierarchies, and creating arrays the way
// zarr-python's create() does (parent .zgroup files, .zarray, .zattrs).
#include "core/zarr/zarr.h"

#include "core/zarr/zarr_array.h"
#include "core/zarr/zarr_container.h"
#include "core/zarr/zarr_fill_value.h"
#include "core/zarr/zarr_metadata.h"

namespace cs {

namespace {

std::string join_key(const std::string& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "/" + std::string(name);
}

Result<void> put_json(Store& store, const std::string& key, const Json& doc) {
    return store.set(key, as_bytes(write_zarr_json(doc)));
}

Result<bool> has_node(const Store& store, const std::string& path) {
    CS_ASSIGN_OR_RETURN(bool array, store.exists(join_key(path, ".zarray")));
    CS_ASSIGN_OR_RETURN(bool group, store.exists(join_key(path, ".zgroup")));
    return array || group;
}

// `path` and every ancestor of it become groups, as zarr-python's _require_parent_group does; an
// ancestor that is an array is an error rather than silently replaced.
Result<void> require_parent_groups(Store& store, const std::string& path) {
    std::string parent;
    std::size_t start = 0;
    while (true) {
        CS_ASSIGN_OR_RETURN(bool is_array, store.exists(join_key(parent, ".zarray")));
        if (is_array) {
            return fail(ErrorCode::InvalidArgument,
                        store.describe_key(join_key(parent, ".zarray")) +
                            ": an array is in the way of creating \"" + path + "\"");
        }
        CS_ASSIGN_OR_RETURN(bool is_group, store.exists(join_key(parent, ".zgroup")));
        if (!is_group) {
            Json group = Json::object();
            group["zarr_format"] = 2;
            CS_RETURN_IF_ERROR(put_json(store, join_key(parent, ".zgroup"), group));
        }
        if (parent == path) return {};
        const auto slash = path.find('/', start);
        parent = slash == std::string::npos ? path : path.substr(0, slash);
        start = slash == std::string::npos ? path.size() : slash + 1;
    }
}

Result<void> erase_node(Store& store, const std::string& path) {
    CS_ASSIGN_OR_RETURN(std::vector<std::string> keys,
                        store.list_prefix(path.empty() ? "" : path + "/"));
    for (const auto& key : keys) CS_RETURN_IF_ERROR(store.erase(key));
    return {};
}

}  // namespace

Result<std::unique_ptr<ChunkedArray>> open_zarr_array(std::shared_ptr<Store> store,
                                                      const std::string& path) {
    CS_ASSIGN_OR_RETURN(auto array, ZarrArray::open(std::move(store), normalize_node_path(path)));
    return std::unique_ptr<ChunkedArray>(std::move(array));
}

Result<std::unique_ptr<ChunkedArray>> create_zarr_array(std::shared_ptr<Store> store,
                                                        const std::string& raw_path,
                                                        const ZarrCreateOptions& options,
                                                        bool overwrite) {
    const std::string path = normalize_node_path(raw_path);
    const std::string what = store->describe_key(join_key(path, ".zarray"));
    if (!path.empty()) {
        if (auto valid = validate_key(path); !valid) return fail(valid.error().with_context(what));
    }
    auto invalid = [&](const std::string& why) {
        return fail(ErrorCode::InvalidArgument, what + ": " + why);
    };
    if (options.dtype.kind == DTypeKind::Object || options.dtype.kind == DTypeKind::Raw)
        return invalid("cannot create arrays of dtype " + options.dtype.numpy_typestr());
    if (options.order != 'C' && options.order != 'F') return invalid("order must be 'C' or 'F'");
    if (options.dimension_separator != "." && options.dimension_separator != "/")
        return invalid("dimension_separator must be \".\" or \"/\"");
    if (!options.attributes.is_object()) return invalid("attributes must be a JSON object");

    ZarrArrayMetadata meta;
    meta.shape = options.shape;
    meta.chunks = options.chunks;
    meta.dtype = options.dtype;
    meta.order = options.order;
    meta.compressor = options.compressor;
    meta.filters =
        options.filters.is_array() && options.filters.size() == 0 ? Json() : options.filters;
    meta.dimension_separator = options.dimension_separator;
    CS_ASSIGN_OR_RETURN(meta.fill_value,
                        normalize_zarr_fill_value(options.fill_value, options.dtype, what));
    // Round-trip through the parser: the same validation a reader applies (ranks, chunk sizes,
    // fill value, codec configs).
    const Json doc = zarray_to_json(meta);
    auto checked = zarray_from_json(doc, what);
    if (!checked) return fail(ErrorCode::InvalidArgument, checked.error().message);
    CS_ASSIGN_OR_RETURN(ZarrCodecPipeline pipeline, ZarrCodecPipeline::create(*checked, what));
    (void)pipeline;

    CS_ASSIGN_OR_RETURN(bool exists, has_node(*store, path));
    if (exists) {
        if (!overwrite) {
            return fail(ErrorCode::InvalidArgument,
                        store->describe_key(path.empty() ? ".zarray" : path) +
                            ": an array or group already exists here");
        }
        CS_RETURN_IF_ERROR(erase_node(*store, path));
    }
    if (!path.empty()) {
        const auto slash = path.rfind('/');
        CS_RETURN_IF_ERROR(
            require_parent_groups(*store, slash == std::string::npos ? "" : path.substr(0, slash)));
    }
    CS_RETURN_IF_ERROR(put_json(*store, join_key(path, ".zarray"), doc));
    if (options.attributes.size() > 0)
        CS_RETURN_IF_ERROR(put_json(*store, join_key(path, ".zattrs"), options.attributes));
    return open_zarr_array(std::move(store), path);
}

Result<std::shared_ptr<Container>> open_zarr_container(std::shared_ptr<Store> store) {
    CS_ASSIGN_OR_RETURN(auto container, ZarrContainer::open(std::move(store)));
    return std::shared_ptr<Container>(std::move(container));
}

}  // namespace cs
