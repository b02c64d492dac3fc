// NumPy .npy files (format 1.0; 2.0 when the header needs more than 64 KiB; 3.0 when a field
// name is not Latin-1), written byte for byte as numpy.save writes them: the exact descr with its
// byte order ('>i2' stays '>i2', records as numpy's list of tuples), fortran_order False, the
// shape tuple as Python prints it, and the header padded so the data starts on a 64-byte boundary.
// Reading accepts what numpy writes, including Fortran order (converted to C order).
#pragma once

#include <string>
#include <string_view>

#include "core/array/chunk_grid.h"
#include "core/array/dtype.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

struct NpyArray {
    DType dtype;
    Shape shape;
    Bytes data;  // C order, in dtype's byte order
};

// The descr as numpy writes it in the header: '<i4' or [('a', '<i4'), ('b', '>f8', (2,))].
Result<std::string> npy_descr(const DType& dtype);
// Everything before the data (magic, version, length, padded header), so a caller can stream a
// large array after it.
Result<std::string> npy_header(const DType& dtype, const Shape& shape);
// Header + data; `data` must hold product(shape) * itemsize bytes.
Result<Bytes> encode_npy(const DType& dtype, const Shape& shape, ByteSpan data);
Result<void> write_npy(const std::string& path, const DType& dtype, const Shape& shape,
                       ByteSpan data);

// `what` names the source in errors (a file path).
Result<NpyArray> decode_npy(ByteSpan file, std::string_view what);
Result<NpyArray> read_npy(const std::string& path);

}  // namespace cs
