// One factory per codec file. registry.cpp lists them in an explicit table: a codec that
// registered itself from a static initialiser would be dropped by the linker from a static lib.
#pragma once

#include <cstddef>
#include <memory>

#include "core/codec/codec.h"

namespace cs::codec_factories {

using Factory = Result<std::unique_ptr<Codec>> (*)(const Json& config, std::size_t element_size);

Result<std::unique_ptr<Codec>> make_blosc(const Json& config, std::size_t element_size);
Result<std::unique_ptr<Codec>> make_zlib(const Json& config, std::size_t element_size);
Result<std::unique_ptr<Codec>> make_gzip(const Json& config, std::size_t element_size);
Result<std::unique_ptr<Codec>> make_zstd(const Json& config, std::size_t element_size);
Result<std::unique_ptr<Codec>> make_lz4(const Json& config, std::size_t element_size);
Result<std::unique_ptr<Codec>> make_bz2(const Json& config, std::size_t element_size);
Result<std::unique_ptr<Codec>> make_lzma(const Json& config, std::size_t element_size);
Result<std::unique_ptr<Codec>> make_delta(const Json& config, std::size_t element_size);

}  // namespace cs::codec_factories
