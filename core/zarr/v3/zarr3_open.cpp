// open_zarr_v3_array, create_zarr_v3_array and the shard accessors of zarr3.h.
#include "core/codec/codec.h"
#include "core/zarr/v3/array_base.h"
#include "core/zarr/v3/data_type.h"
#include "core/zarr/v3/sharded_array.h"
#include "core/zarr/v3/zarr3.h"
#include "core/zarr/v3/zarr3_array.h"

namespace cs {
namespace {

std::string join(const std::string& path, const char* name) {
    return path.empty() ? std::string(name) : path + "/" + name;
}

Json default_codecs() {
    Json config = Json::object();
    config["endian"] = Json("little");
    Json codecs = Json::array();
    codecs.push_back(zarr3::named_config("bytes", std::move(config)));
    return codecs;
}

Json shape_json(const Shape& s) {
    Json out = Json::array();
    for (auto v : s) out.push_back(Json(static_cast<unsigned long long>(v)));
    return out;
}

}  // namespace

Result<std::unique_ptr<ChunkedArray>> open_zarr_v3_array(std::shared_ptr<Store> store,
                                                         const std::string& path,
                                                         const Zarr3OpenOptions& options) {
    if (!store) return fail(ErrorCode::InvalidArgument, "open_zarr_v3_array: no store");
    const std::string key = join(path, "zarr.json");
    const std::string what = store->describe_key(key);
    CS_ASSIGN_OR_RETURN(auto text, store->get(key));
    if (!text) return fail(ErrorCode::NotFound, what + ": no zarr.json (not a Zarr v3 array)");
    CS_ASSIGN_OR_RETURN(bool has_v2, store->exists(join(path, ".zarray")));
    if (has_v2)
        return fail(ErrorCode::Corrupt, what +
                                            ": both zarr.json and .zarray are present; "
                                            "cannot tell whether this is Zarr v2 or v3");
    CS_ASSIGN_OR_RETURN(Json doc, parse_json(as_string_view(*text), what));
    CS_ASSIGN_OR_RETURN(zarr3::ArrayMetadata meta, zarr3::parse_array_metadata(doc, what));
    CS_ASSIGN_OR_RETURN(zarr3::CodecChain chain,
                        zarr3::CodecChain::from_json(meta.codecs, meta.dtype, meta.chunk_shape,
                                                     meta.fill_value, what));
    if (chain.sharding() && !options.shards_as_chunks && chain.sharding_only())
        return std::make_unique<zarr3::ShardedArray>(store, path, std::move(meta),
                                                     std::move(chain));
    // Codecs around sharding_indexed make inner chunks unreachable by range: whole shards then.
    const bool shards_as_chunks = chain.sharding() != nullptr;
    if (shards_as_chunks) {
        std::uint64_t bytes = meta.dtype.itemsize;
        for (auto s : meta.chunk_shape)
            if (__builtin_mul_overflow(bytes, s, &bytes)) bytes = ~std::uint64_t{0};
        if (bytes > kMaxDecodedSize)
            return fail(ErrorCode::Unsupported,
                        what + ": shards of " + std::to_string(bytes) +
                            " bytes are too large to read whole; open by inner chunk instead");
    }
    return std::make_unique<zarr3::Zarr3Array>(store, path, std::move(meta), std::move(chain),
                                               shards_as_chunks);
}

Result<void> create_zarr_v3_group(std::shared_ptr<Store> store, const std::string& path,
                                  const Json& attributes) {
    zarr3::GroupMetadata g;
    g.attributes = attributes;
    const std::string text = zarr3::metadata_text(zarr3::group_metadata_to_json(g));
    return store->set(join(path, "zarr.json"), as_bytes(text));
}

Result<std::unique_ptr<ChunkedArray>> create_zarr_v3_array(std::shared_ptr<Store> store,
                                                           const std::string& path,
                                                           const Zarr3CreateOptions& options,
                                                           bool overwrite,
                                                           const Zarr3OpenOptions& open) {
    if (!store) return fail(ErrorCode::InvalidArgument, "create_zarr_v3_array: no store");
    const std::string key = join(path, "zarr.json");
    const std::string what = store->describe_key(key);
    if (options.chunks.size() != options.shape.size())
        return fail(ErrorCode::InvalidArgument, what + ": chunks and shape differ in rank");
    CS_ASSIGN_OR_RETURN(bool exists, store->exists(key));
    if (exists && !overwrite)
        return fail(ErrorCode::InvalidArgument, what + ": a node already exists here");
    if (exists || overwrite) {
        CS_ASSIGN_OR_RETURN(auto keys, store->list_prefix(path.empty() ? "" : path + "/"));
        for (const auto& k : keys) CS_RETURN_IF_ERROR(store->erase(k));
    }
    zarr3::ArrayMetadata meta;
    meta.shape = options.shape;
    meta.chunk_shape = options.chunks;
    meta.dtype = options.dtype;
    CS_ASSIGN_OR_RETURN(meta.fill_value,
                        zarr3::parse_fill_value(options.fill_value, meta.dtype, what));
    meta.key_encoding.v2 = options.v2_chunk_keys;
    meta.key_encoding.separator =
        options.separator ? options.separator : (options.v2_chunk_keys ? '.' : '/');
    meta.dimension_names = options.dimension_names;
    meta.attributes = options.attributes;
    Json codecs = options.codecs.is_null() ? default_codecs() : options.codecs;
    if (options.inner_chunks) {
        Json config = Json::object();
        config["chunk_shape"] = shape_json(*options.inner_chunks);
        config["codecs"] = std::move(codecs);
        if (!options.index_codecs.is_null()) config["index_codecs"] = options.index_codecs;
        config["index_location"] = Json(options.index_at_end ? "end" : "start");
        codecs = Json::array();
        codecs.push_back(zarr3::named_config("sharding_indexed", std::move(config)));
    }
    // Building the chain validates the codecs and gives their complete configurations.
    CS_ASSIGN_OR_RETURN(
        zarr3::CodecChain chain,
        zarr3::CodecChain::from_json(codecs, meta.dtype, meta.chunk_shape, meta.fill_value, what));
    meta.codecs = chain.to_json();
    CS_ASSIGN_OR_RETURN(Json doc, zarr3::array_metadata_to_json(meta));
    // Parents without metadata become explicit groups, as zarr-python 3 creates them.
    std::string parent = path;
    while (!parent.empty()) {
        const auto slash = parent.rfind('/');
        parent = slash == std::string::npos ? "" : parent.substr(0, slash);
        CS_ASSIGN_OR_RETURN(bool has, store->exists(join(parent, "zarr.json")));
        if (!has) CS_RETURN_IF_ERROR(create_zarr_v3_group(store, parent));
    }
    CS_RETURN_IF_ERROR(store->set(key, as_bytes(zarr3::metadata_text(doc))));
    return open_zarr_v3_array(store, path, open);
}

std::optional<Zarr3ShardLayout> zarr3_shard_layout(const ChunkedArray& array) {
    const auto* v3 = dynamic_cast<const zarr3::Zarr3ArrayBase*>(&array);
    if (!v3 || !v3->shards()) return std::nullopt;
    return v3->shards()->layout(v3->chunks_are_shards());
}

Result<std::vector<Zarr3ShardStorage>> zarr3_shard_storage(const ChunkedArray& array) {
    const auto* v3 = dynamic_cast<const zarr3::Zarr3ArrayBase*>(&array);
    if (!v3 || !v3->shards())
        return fail(ErrorCode::InvalidArgument, array.describe() + ": not a sharded Zarr v3 array");
    return v3->shards()->storage();
}

}  // namespace cs
