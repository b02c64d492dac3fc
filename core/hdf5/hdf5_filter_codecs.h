// The byte transforms of HDF5's filter pipeline that chunkscope runs itself, outside the HDF5
// lock: shuffle, deflate, fletcher32, LZF (h5py's 32000), Blosc (32001), bzip2 (307) and LZ4
// (32004). Pure functions on bytes; errors say what is wrong, the caller names chunk and dataset.
// `expected` is the decoded size when known; without it a stage caps what it will allocate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

// HDF5's shuffle: byte i of every element together. A tail shorter than one element is kept.
Bytes hdf5_shuffle(ByteSpan input, std::size_t element_size);
Bytes hdf5_unshuffle(ByteSpan input, std::size_t element_size);

// HDF5's Fletcher-32 over 16-bit big-endian words (odd tail byte as the high half).
std::uint32_t hdf5_fletcher32(ByteSpan data);
// Checks the 4 trailing checksum bytes and strips them; a mismatch is Corrupt.
Result<Bytes> hdf5_fletcher32_verify(ByteSpan stored);
Bytes hdf5_fletcher32_append(ByteSpan data);

Result<Bytes> hdf5_inflate(ByteSpan input, std::optional<std::size_t> expected);
Result<Bytes> hdf5_deflate(ByteSpan input, int level);

Result<Bytes> hdf5_lzf_decode(ByteSpan input, std::optional<std::size_t> expected);
Result<Bytes> hdf5_blosc_decode(ByteSpan input, std::optional<std::size_t> expected);
Result<Bytes> hdf5_bzip2_decode(ByteSpan input, std::optional<std::size_t> expected);

// Filter 32004: 8-byte big-endian decoded size, 4-byte big-endian block size, then per block a
// 4-byte big-endian stored size and the block, kept raw when compression does not shrink it.
Result<Bytes> hdf5_lz4_decode(ByteSpan input, std::optional<std::size_t> expected);
Bytes hdf5_lz4_encode(ByteSpan input, std::size_t block_size);

}  // namespace cs
