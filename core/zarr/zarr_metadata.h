// The .zarray document of Zarr format v2: parsed and validated into a struct, and written back
// the way zarr-python writes it (json.dumps with indent=4 and sorted keys).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/array/chunk_grid.h"
#include "core/array/dtype.h"
#include "core/json/json.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

struct ZarrArrayMetadata {
    Shape shape;
    Shape chunks;
    DType dtype;
    char order = 'C';
    Json compressor;                  // numcodecs config or null
    Json filters;                     // list of numcodecs configs or null
    Json fill_value;                  // as written in .zarray
    std::optional<Bytes> fill_bytes;  // fill_value as one element in the dtype's byte order
    std::string dimension_separator = ".";
    // zarr-python only writes "dimension_separator" when it was given; keep that to round-trip.
    bool separator_written = false;

    // The vlen-utf8 object codec of a |O array (filters[0]), which chunkscope reads itself.
    bool is_vlen_utf8() const;
};

// Parses and validates a .zarray document; `what` names it in errors ("g.zarr/x/.zarray").
Result<ZarrArrayMetadata> parse_zarray(std::string_view text, std::string_view what);
Result<ZarrArrayMetadata> zarray_from_json(const Json& doc, std::string_view what);

// The .zarray document for `meta` (keys in zarr-python's set; written sorted).
Json zarray_to_json(const ZarrArrayMetadata& meta);

// json.dumps(doc, indent=4, sort_keys=True, ensure_ascii=True): every Zarr v2 metadata file.
std::string write_zarr_json(const Json& doc);

// The width, in bytes, chunkscope gives each element of a vlen-utf8 (|O) array when it decodes
// it: UTF-8 text, NUL padded, cut at a character boundary when longer.
inline constexpr std::size_t kVlenUtf8Width = 64;

}  // namespace cs
