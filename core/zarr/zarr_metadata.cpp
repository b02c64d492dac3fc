#include "core/zarr/zarr_metadata.h"

#include "core/zarr/zarr_fill_value.h"

namespace cs {

namespace {

Error corrupt(std::string_view what, const std::string& why) {
    return Error{ErrorCode::Corrupt, std::string(what) + ": " + why};
}

Result<Shape> parse_shape(const Json& doc, const char* key, std::string_view what) {
    const Json* v = doc.find(key);
    if (!v) return fail(corrupt(what, std::string("missing \"") + key + "\""));
    if (!v->is_array())
        return fail(corrupt(what, std::string("\"") + key + "\" must be a list of integers"));
    Shape out;
    for (const auto& e : v->as_array()) {
        if (!e.is_int() || (e.type() == Json::Type::Int && e.as_int() < 0)) {
            return fail(corrupt(what, std::string("\"") + key +
                                          "\" must hold non-negative integers, got " +
                                          write_json(*v)));
        }
        out.push_back(e.as_uint());
    }
    return out;
}

bool is_codec_config(const Json& c) {
    const Json* id = c.find("id");
    return c.is_object() && id && id->is_string();
}

}  // namespace

bool ZarrArrayMetadata::is_vlen_utf8() const {
    return dtype.kind == DTypeKind::Object && filters.is_array() && filters.size() > 0 &&
           filters.as_array()[0].find("id") &&
           *filters.as_array()[0].find("id") == Json("vlen-utf8");
}

Result<ZarrArrayMetadata> parse_zarray(std::string_view text, std::string_view what) {
    CS_ASSIGN_OR_RETURN(Json doc, parse_json(text, what));
    return zarray_from_json(doc, what);
}

Result<ZarrArrayMetadata> zarray_from_json(const Json& doc, std::string_view what) {
    if (!doc.is_object()) return fail(corrupt(what, "array metadata must be a JSON object"));
    const Json* format = doc.find("zarr_format");
    if (!format) return fail(corrupt(what, "missing \"zarr_format\""));
    if (!format->is_int() || format->as_int() != 2) {
        return fail(ErrorCode::Unsupported, std::string(what) + ": zarr_format " +
                                                write_json(*format) +
                                                " is not supported here (expected 2)");
    }
    ZarrArrayMetadata m;
    CS_ASSIGN_OR_RETURN(m.shape, parse_shape(doc, "shape", what));
    CS_ASSIGN_OR_RETURN(m.chunks, parse_shape(doc, "chunks", what));
    if (m.chunks.size() != m.shape.size()) {
        return fail(corrupt(what, "\"chunks\" has " + std::to_string(m.chunks.size()) +
                                      " dimensions but \"shape\" has " +
                                      std::to_string(m.shape.size())));
    }
    for (auto c : m.chunks) {
        if (c == 0) return fail(corrupt(what, "\"chunks\" entries must be at least 1"));
    }

    const Json* dtype = doc.find("dtype");
    if (!dtype) return fail(corrupt(what, "missing \"dtype\""));
    auto parsed = DType::from_numpy(*dtype);
    if (!parsed) return fail(parsed.error().with_context(std::string(what)));
    m.dtype = *parsed;
    if (m.dtype.kind == DTypeKind::Raw)
        return fail(ErrorCode::Unsupported, std::string(what) + ": raw dtypes are not Zarr v2");

    const Json* order = doc.find("order");
    if (!order) return fail(corrupt(what, "missing \"order\""));
    if (!order->is_string() || (order->as_string() != "C" && order->as_string() != "F"))
        return fail(corrupt(what, "\"order\" must be \"C\" or \"F\", got " + write_json(*order)));
    m.order = order->as_string()[0];

    const Json* compressor = doc.find("compressor");
    if (!compressor) return fail(corrupt(what, "missing \"compressor\""));
    if (!compressor->is_null() && !is_codec_config(*compressor)) {
        return fail(corrupt(what, "\"compressor\" must be null or an object with an \"id\", got " +
                                      write_json(*compressor)));
    }
    m.compressor = *compressor;

    if (const Json* filters = doc.find("filters"); filters && !filters->is_null()) {
        if (!filters->is_array())
            return fail(corrupt(what, "\"filters\" must be null or a list of codec configs"));
        for (const auto& f : filters->as_array()) {
            if (!is_codec_config(f)) {
                return fail(corrupt(
                    what, "each filter must be an object with an \"id\", got " + write_json(f)));
            }
        }
        m.filters = *filters;
    }

    if (const Json* sep = doc.find("dimension_separator"); sep && !sep->is_null()) {
        if (!sep->is_string() || (sep->as_string() != "." && sep->as_string() != "/")) {
            return fail(corrupt(
                what, "\"dimension_separator\" must be \".\" or \"/\", got " + write_json(*sep)));
        }
        m.dimension_separator = sep->as_string();
        m.separator_written = true;
    }

    if (m.dtype.kind == DTypeKind::Object) {
        if (!m.is_vlen_utf8()) {
            return fail(ErrorCode::Unsupported,
                        std::string(what) +
                            ": object (|O) arrays are only supported with the vlen-utf8 codec");
        }
        m.dtype.itemsize = kVlenUtf8Width;
    }

    const Json* fill = doc.find("fill_value");
    if (!fill) return fail(corrupt(what, "missing \"fill_value\""));
    m.fill_value = *fill;
    CS_ASSIGN_OR_RETURN(m.fill_bytes, decode_zarr_fill_value(*fill, m.dtype, what));
    return m;
}

Json zarray_to_json(const ZarrArrayMetadata& m) {
    Json doc = Json::object();
    Json chunks = Json::array();
    for (auto c : m.chunks) chunks.push_back(Json(static_cast<unsigned long long>(c)));
    Json shape = Json::array();
    for (auto s : m.shape) shape.push_back(Json(static_cast<unsigned long long>(s)));
    doc["chunks"] = chunks;
    doc["compressor"] = m.compressor;
    if (m.separator_written || m.dimension_separator != ".")
        doc["dimension_separator"] = m.dimension_separator;
    doc["dtype"] = m.dtype.to_zarr_json();
    doc["fill_value"] = m.fill_value;
    doc["filters"] = m.filters;
    doc["order"] = std::string(1, m.order);
    doc["shape"] = shape;
    doc["zarr_format"] = 2;
    return doc;
}

std::string write_zarr_json(const Json& doc) {
    JsonWriteOptions options;
    options.indent = 4;
    options.sort_keys = true;
    options.ensure_ascii = true;
    return write_json(doc, options);
}

}  // namespace cs
