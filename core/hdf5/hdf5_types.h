// HDF5 datatypes <-> our DType, and the words h5ls uses to describe them. Integers and floats of
// every width and both byte orders map one to one; enums (h5py's bool among them) read as their
// base integer; fixed strings as |S<n>; compounds as raw records with NumPy's descr list.
#pragma once

#include <H5Cpp.h>

#include <string>

#include "core/array/dtype.h"
#include "core/util/result.h"

namespace cs {

// `type` is an HDF5 datatype id (DataType::getId()). Call with the lock held. Variable-length,
// reference and time types are Unsupported, naming `context`.
Result<DType> dtype_from_hdf5(hid_t type, const std::string& context);

// "32-bit little-endian integer", "5-byte null-padded ASCII string", "compound (12 bytes)".
std::string describe_hdf5_type(hid_t type);

// A new datatype for writing `dtype` (the caller owns it). Bool becomes h5py's int8 enum
// {FALSE, TRUE} so h5py reads it back as bool.
Result<H5::DataType> hdf5_type_for(const DType& dtype, const std::string& context);

}  // namespace cs
