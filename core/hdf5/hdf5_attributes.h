// HDF5 attributes as JSON values: numbers, strings (fixed and variable length), arrays (nested by
// shape), scalars, compounds (objects by field name). What JSON cannot hold (references,
// variable-length sequences) is shown as a short description string.
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/json/json.h"
#include "core/util/result.h"

namespace cs {

// Every attribute of the object `obj` (file, group or dataset id), by name in creation-name
// order. Call with the lock held. One unreadable attribute becomes a "<unreadable: ...>" string
// rather than failing the rest.
// `netcdf`: show one-element vectors as scalars, as netCDF (whose attributes are all vectors)
// and its tools do.
Result<Json> read_hdf5_attributes(hid_t obj, const std::string& context, bool netcdf = false);

// One attribute by name; nullopt when absent. Fixed and variable strings come back as strings.
std::optional<Json> read_hdf5_attribute(hid_t obj, const char* name);

// One element of `type` stored at `data` (in the type's own byte order) as JSON.
Json hdf5_element_to_json(const std::uint8_t* data, hid_t type);

}  // namespace cs
