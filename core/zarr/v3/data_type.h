// Zarr v3 data types and fill values. A v3 data type has no byte order of its own (the `bytes`
// codec chooses it), so decoded elements are always held little-endian, the machine's order.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/array/dtype.h"
#include "core/json/json.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs::zarr3 {

// "int32" -> Int/4/little, "r24" -> Raw/3. Unknown names are Unsupported; `what` names the
// metadata document in the message.
Result<DType> parse_data_type(const Json& name, std::string_view what);
// The v3 name of a DType ("float64", "complex64", "r16"); Unsupported for kinds v3 lacks.
Result<std::string> data_type_name(const DType& dtype);

// One element, little-endian, from a v3 fill_value: numbers, bools, "NaN", "Infinity",
// "-Infinity", hex bit patterns ("0x7fc00000"), [re, im] pairs, and byte lists for raw types.
// nullopt for a JSON null (reads as zeros).
Result<std::optional<Bytes>> parse_fill_value(const Json& fill, const DType& dtype,
                                              std::string_view what);
// The fill_value JSON for one little-endian element (null for nullopt).
Json fill_value_to_json(const std::optional<Bytes>& fill, const DType& dtype);

}  // namespace cs::zarr3
