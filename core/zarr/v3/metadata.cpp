#include "core/zarr/v3/metadata.h"

#include "core/zarr/v3/data_type.h"

namespace cs::zarr3 {
namespace {

constexpr const char* kKnownArrayKeys[] = {
    "zarr_format",         "node_type",  "shape",  "data_type",  "chunk_grid",
    "chunk_key_encoding",  "fill_value", "codecs", "attributes", "dimension_names",
    "storage_transformers"};

Result<Shape> parse_shape(const Json* v, const std::string& field, std::string_view what,
                          bool allow_zero) {
    if (!v || !v->is_array())
        return fail(ErrorCode::Corrupt,
                    std::string(what) + ": \"" + field + "\" must be a list of integers");
    Shape out;
    for (const Json& s : v->as_array()) {
        if (!s.is_int() || s.as_int() < (allow_zero ? 0 : 1))
            return fail(ErrorCode::Corrupt, std::string(what) + ": \"" + field + "\" " +
                                                write_json(*v) + " has an invalid size");
        out.push_back(s.as_uint());
    }
    return out;
}

// Parses {"name": ..., "configuration": {...}} (or a bare name) into its two parts.
Result<std::pair<std::string, Json>> parse_named(const Json* v, const std::string& field,
                                                 std::string_view what) {
    if (v && v->is_string()) return std::pair<std::string, Json>{v->as_string(), Json::object()};
    if (!v || !v->is_object() || !v->find("name") || !v->find("name")->is_string())
        return fail(ErrorCode::Corrupt,
                    std::string(what) + ": \"" + field + "\" must be an object with a \"name\"");
    const Json* config = v->find("configuration");
    return std::pair<std::string, Json>{v->find("name")->as_string(),
                                        config ? *config : Json::object()};
}

Result<ChunkKeyEncoding> parse_key_encoding(const Json* v, std::string_view what) {
    CS_ASSIGN_OR_RETURN(auto named, parse_named(v, "chunk_key_encoding", what));
    ChunkKeyEncoding enc;
    if (named.first == "default") {
        enc.v2 = false;
        enc.separator = '/';
    } else if (named.first == "v2") {
        enc.v2 = true;
        enc.separator = '.';
    } else {
        return fail(ErrorCode::Unsupported,
                    std::string(what) + ": unknown chunk_key_encoding '" + named.first + "'");
    }
    if (const Json* sep = named.second.find("separator")) {
        if (!sep->is_string() || (sep->as_string() != "/" && sep->as_string() != "."))
            return fail(ErrorCode::Corrupt, std::string(what) + ": chunk key separator " +
                                                write_json(*sep) + " is not \"/\" or \".\"");
        enc.separator = sep->as_string()[0];
    }
    return enc;
}

Result<void> check_format(const Json& doc, std::string_view what) {
    if (!doc.is_object())
        return fail(ErrorCode::Corrupt, std::string(what) + ": zarr.json is not a JSON object");
    const Json* format = doc.find("zarr_format");
    if (!format || !format->is_int() || format->as_int() != 3)
        return fail(ErrorCode::Unsupported,
                    std::string(what) + ": zarr_format " +
                        (format ? write_json(*format) : std::string("(missing)")) + " is not 3");
    return {};
}

}  // namespace

std::string ChunkKeyEncoding::key(std::span<const std::uint64_t> coords) const {
    std::string out = v2 ? "" : "c";
    if (coords.empty()) return v2 ? "0" : out;
    for (std::size_t i = 0; i < coords.size(); ++i) {
        if (!out.empty() || i > 0) out += separator;
        out += std::to_string(coords[i]);
    }
    return out;
}

Json ChunkKeyEncoding::to_json() const {
    Json config = Json::object();
    config["separator"] = Json(std::string(1, separator));
    Json out = Json::object();
    out["name"] = Json(v2 ? "v2" : "default");
    out["configuration"] = std::move(config);
    return out;
}

Result<std::string> parse_node_type(const Json& doc, std::string_view what) {
    CS_RETURN_IF_ERROR(check_format(doc, what));
    const Json* type = doc.find("node_type");
    if (!type || !type->is_string() ||
        (type->as_string() != "array" && type->as_string() != "group"))
        return fail(ErrorCode::Corrupt,
                    std::string(what) + ": node_type must be \"array\" or \"group\"");
    return type->as_string();
}

Result<ArrayMetadata> parse_array_metadata(const Json& doc, std::string_view what) {
    CS_ASSIGN_OR_RETURN(std::string type, parse_node_type(doc, what));
    if (type != "array")
        return fail(ErrorCode::InvalidArgument, std::string(what) + ": is a group, not an array");
    for (const auto& [key, value] : doc.as_object()) {
        bool known = false;
        for (const char* k : kKnownArrayKeys) known = known || key == k;
        const Json* must = value.is_object() ? value.find("must_understand") : nullptr;
        if (!known && !(must && must->is_bool() && !must->as_bool()))
            return fail(ErrorCode::Unsupported,
                        std::string(what) + ": unknown extension \"" + key + "\"");
    }
    ArrayMetadata meta;
    CS_ASSIGN_OR_RETURN(meta.shape, parse_shape(doc.find("shape"), "shape", what, true));
    CS_ASSIGN_OR_RETURN(
        meta.dtype, parse_data_type(doc.find("data_type") ? *doc.find("data_type") : Json(), what));
    CS_ASSIGN_OR_RETURN(auto grid, parse_named(doc.find("chunk_grid"), "chunk_grid", what));
    if (grid.first != "regular")
        return fail(ErrorCode::Unsupported,
                    std::string(what) + ": chunk_grid '" + grid.first + "' is not supported");
    CS_ASSIGN_OR_RETURN(meta.chunk_shape,
                        parse_shape(grid.second.find("chunk_shape"), "chunk_shape", what, false));
    if (meta.chunk_shape.size() != meta.shape.size())
        return fail(ErrorCode::Corrupt, std::string(what) + ": chunk_shape has rank " +
                                            std::to_string(meta.chunk_shape.size()) +
                                            ", shape has rank " +
                                            std::to_string(meta.shape.size()));
    CS_ASSIGN_OR_RETURN(meta.key_encoding,
                        parse_key_encoding(doc.find("chunk_key_encoding"), what));
    const Json* fill = doc.find("fill_value");
    CS_ASSIGN_OR_RETURN(meta.fill_value, parse_fill_value(fill ? *fill : Json(), meta.dtype, what));
    const Json* codecs = doc.find("codecs");
    if (!codecs || !codecs->is_array())
        return fail(ErrorCode::Corrupt, std::string(what) + ": \"codecs\" must be a list");
    meta.codecs = *codecs;
    if (const Json* names = doc.find("dimension_names"); names && !names->is_null()) {
        if (!names->is_array() || names->size() != meta.shape.size())
            return fail(ErrorCode::Corrupt,
                        std::string(what) + ": dimension_names must list one name per axis");
        for (const Json& n : names->as_array()) {
            if (!n.is_string() && !n.is_null())
                return fail(ErrorCode::Corrupt, std::string(what) + ": dimension name " +
                                                    write_json(n) + " is not a string or null");
            meta.dimension_names.push_back(n.is_string() ? n.as_string() : "");
        }
    }
    if (const Json* attrs = doc.find("attributes")) {
        if (!attrs->is_object())
            return fail(ErrorCode::Corrupt, std::string(what) + ": attributes is not an object");
        meta.attributes = *attrs;
    }
    if (const Json* st = doc.find("storage_transformers"); st && st->size() > 0)
        return fail(ErrorCode::Unsupported,
                    std::string(what) + ": storage_transformers are not supported");
    return meta;
}

Result<GroupMetadata> parse_group_metadata(const Json& doc, std::string_view what) {
    CS_ASSIGN_OR_RETURN(std::string type, parse_node_type(doc, what));
    if (type != "group")
        return fail(ErrorCode::InvalidArgument, std::string(what) + ": is an array, not a group");
    GroupMetadata meta;
    if (const Json* attrs = doc.find("attributes")) {
        if (!attrs->is_object())
            return fail(ErrorCode::Corrupt, std::string(what) + ": attributes is not an object");
        meta.attributes = *attrs;
    }
    if (const Json* cm = doc.find("consolidated_metadata"); cm && cm->is_object()) {
        const Json* nodes = cm->find("metadata");
        if (!nodes || !nodes->is_object())
            return fail(ErrorCode::Corrupt,
                        std::string(what) + ": consolidated_metadata has no \"metadata\" object");
        meta.consolidated = nodes->as_object();
    }
    return meta;
}

Result<Json> array_metadata_to_json(const ArrayMetadata& meta) {
    Json doc = Json::object();
    doc["zarr_format"] = Json(3);
    doc["node_type"] = Json("array");
    Json shape = Json::array();
    for (auto s : meta.shape) shape.push_back(Json(static_cast<unsigned long long>(s)));
    doc["shape"] = std::move(shape);
    CS_ASSIGN_OR_RETURN(std::string type, data_type_name(meta.dtype));
    doc["data_type"] = Json(type);
    Json chunk_shape = Json::array();
    for (auto s : meta.chunk_shape) chunk_shape.push_back(Json(static_cast<unsigned long long>(s)));
    Json grid_config = Json::object();
    grid_config["chunk_shape"] = std::move(chunk_shape);
    Json grid = Json::object();
    grid["name"] = Json("regular");
    grid["configuration"] = std::move(grid_config);
    doc["chunk_grid"] = std::move(grid);
    doc["chunk_key_encoding"] = meta.key_encoding.to_json();
    doc["fill_value"] = fill_value_to_json(meta.fill_value, meta.dtype);
    doc["codecs"] = meta.codecs;
    doc["attributes"] = meta.attributes;
    if (!meta.dimension_names.empty()) {
        Json names = Json::array();
        for (const auto& n : meta.dimension_names) names.push_back(n.empty() ? Json() : Json(n));
        doc["dimension_names"] = std::move(names);
    }
    return doc;
}

Json group_metadata_to_json(const GroupMetadata& meta) {
    Json doc = Json::object();
    doc["zarr_format"] = Json(3);
    doc["node_type"] = Json("group");
    doc["attributes"] = meta.attributes;
    return doc;
}

std::string metadata_text(const Json& doc) {
    JsonWriteOptions options;
    options.indent = 2;
    options.ensure_ascii = false;
    return write_json(doc, options);
}

}  // namespace cs::zarr3
