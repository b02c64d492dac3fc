// CRC-32C (Castagnoli), the checksum of the Zarr v3 `crc32c` codec and of the default shard
// index. Table-driven, one byte at a time: shard indexes and chunks are checked once per read,
// so a simple portable loop is fast enough and easy to trust.
#pragma once

#include <cstdint>

#include "core/util/bytes.h"

namespace cs::zarr3 {

// crc32c("123456789") == 0xE3069283, the check value of the Castagnoli polynomial.
std::uint32_t crc32c(ByteSpan data, std::uint32_t crc = 0);

}  // namespace cs::zarr3
