// deflate and inflate over whole buffers, shared by the zlib and gzip codecs.
#pragma once

#include <optional>
#include <string_view>

#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs::zlib_stream {

// The whole input through deflate with zlib's default memory level and strategy, as Python's
// zlib.compress and zlib.compressobj use them. `window_bits`: 15 for a zlib stream, -15 for raw
// deflate.
// `call`: which Python call to reproduce byte for byte: zlib.compress() (one deflate with
// Z_FINISH) or compressobj().compress() then flush() (what GzipFile does).
enum class PythonCall { Compress, CompressThenFlush };
Result<Bytes> deflate_all(std::string_view codec, ByteSpan input, int level, int window_bits,
                          PythonCall call);

// The whole input through inflate. `window_bits` 15: one zlib stream, trailing bytes ignored
// as Python's zlib.decompress ignores them. 31: gzip members one after another, trailing zero
// padding skipped, as Python's gzip module reads them.
Result<Bytes> inflate_all(std::string_view codec, ByteSpan input, int window_bits,
                          std::optional<std::size_t> expected);

}  // namespace cs::zlib_stream
