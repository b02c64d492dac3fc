// zarr.json, kept apart from the array driver: parsing (with every check a reader needs) and
// writing of array and group metadata, and the chunk key encodings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/array/chunk_grid.h"
#include "core/array/dtype.h"
#include "core/json/json.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs::zarr3 {

struct ChunkKeyEncoding {
    bool v2 = false;       // "v2": "1.2"; "default": "c/1/2"
    char separator = '/';  // '/' or '.'

    // The key of chunk `coords` relative to the array ("c/0/1", "0.1", "c" or "0" when 0-d).
    std::string key(std::span<const std::uint64_t> coords) const;
    Json to_json() const;
};

struct ArrayMetadata {
    Shape shape;
    Shape chunk_shape;  // regular grid; with sharding, the shard shape
    DType dtype;
    std::optional<Bytes> fill_value;  // one element, little-endian
    ChunkKeyEncoding key_encoding;
    Json codecs = Json::array();
    std::vector<std::string> dimension_names;  // empty when absent; "" for a null name
    Json attributes = Json::object();
};

struct GroupMetadata {
    Json attributes = Json::object();
    // path (relative to the group) -> that node's zarr.json, when consolidated metadata is inline.
    std::optional<Json::Object> consolidated;
};

// `what`: the zarr.json location for messages.
Result<ArrayMetadata> parse_array_metadata(const Json& doc, std::string_view what);
Result<GroupMetadata> parse_group_metadata(const Json& doc, std::string_view what);
// "array" or "group" after checking zarr_format == 3.
Result<std::string> parse_node_type(const Json& doc, std::string_view what);

Result<Json> array_metadata_to_json(const ArrayMetadata& meta);
Json group_metadata_to_json(const GroupMetadata& meta);
// zarr.json text: two-space indent, like zarr-python 3.
std::string metadata_text(const Json& doc);

}  // namespace cs::zarr3
