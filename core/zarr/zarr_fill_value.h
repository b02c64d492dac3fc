// Zarr v2 fill values: the JSON forms zarr-python writes in .zarray ("NaN", base64 for byte
// strings and records, [re, im] pairs for complex, ...) turned into one element's bytes in the
// dtype's own byte order, and the normalisation zarr-python applies before it writes one.
#pragma once

#include <optional>
#include <string_view>

#include "core/array/dtype.h"
#include "core/json/json.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

// One element of `dtype` holding `value`; nullopt for JSON null ("no fill value"). `what` names
// the metadata document in errors.
Result<std::optional<Bytes>> decode_zarr_fill_value(const Json& value, const DType& dtype,
                                                    std::string_view what);

// The JSON zarr-python's encode_fill_value() would write for `value`: floats as float (or
// "NaN"/"Infinity"/"-Infinity"), integers as int, complex as a [re, im] float pair. Values that
// are already in written form pass through unchanged.
Result<Json> normalize_zarr_fill_value(const Json& value, const DType& dtype,
                                       std::string_view what);

// Standard base64 (RFC 4648 with padding), as Python's base64.standard_b64encode/decode.
std::string base64_encode(ByteSpan data);
std::optional<Bytes> base64_decode(std::string_view text);

}  // namespace cs
