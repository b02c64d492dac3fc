// Byte shuffle, as blosc's and HDF5's shuffle filters store items: byte b of every item first
// (all first bytes, then all second bytes, ...), which lets a compressor find the runs in the
// high bytes of numbers. Undoing it is on the decode path of nearly every float array (Zarr's
// default compressor shuffles), so unshuffle_bytes() has SSE2 loops for 2-, 4- and 8-byte items.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cs {

// `bytes` bytes of `in`, shuffled with `item_size`, unshuffled into `out` (no overlap). A tail
// shorter than one item is copied as it is, as both filters leave it.
void unshuffle_bytes(const std::uint8_t* in, std::uint8_t* out, std::size_t bytes,
                     std::size_t item_size);
// The inverse: items of `in` shuffled into `out`.
void shuffle_bytes(const std::uint8_t* in, std::uint8_t* out, std::size_t bytes,
                   std::size_t item_size);

}  // namespace cs
