// A Zarr v2 array's codec chain: filters, then the compressor. Encoding runs them in that order,
// decoding runs the compressor first and the filters in reverse. Each stage is told the item size
// of the data it sees (numcodecs takes it from the NumPy buffer: Blosc uses it as typesize), which
// is the dtype's for the first filter and each filter's output type after that.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "core/codec/codec.h"
#include "core/zarr/zarr_metadata.h"

namespace cs {

class ZarrCodecPipeline {
public:
    // `what` names the .zarray in errors (unknown codec id, bad parameters).
    static Result<ZarrCodecPipeline> create(const ZarrArrayMetadata& meta, std::string_view what);

    // Stored bytes -> the chunk's elements in storage order (chunk_elements * itemsize bytes).
    // A vlen-utf8 array decodes to fixed-width UTF-8 (kVlenUtf8Width bytes per element).
    // Errors carry no chunk name: callers add it (building it only on the error path keeps
    // tiny chunks cheap). Takes the stored bytes, so a chain without codecs returns them as is.
    Result<Bytes> decode(Bytes stored) const;
    // Elements in storage order -> stored bytes. Unsupported for vlen-utf8 (read-only).
    Result<Bytes> encode(ByteSpan elements, std::string_view what) const;
    // True when blosc is the whole chain (no filters): a chunk can then be decoded block by
    // block (BloscBlockDecoder).
    bool blosc_only() const {
        return filters_.empty() && compressor_ && !vlen_utf8_ && compressor_->id() == "blosc";
    }

private:
    struct Stage {
        std::shared_ptr<const Codec> codec;
        std::size_t input_itemsize = 1;   // item size of what encode() gets
        std::size_t output_itemsize = 1;  // item size of what encode() returns
    };
    std::vector<Stage> filters_;
    std::shared_ptr<const Codec> compressor_;  // null when none
    std::uint64_t chunk_elements_ = 0;
    std::size_t itemsize_ = 1;
    std::size_t compressor_input_itemsize_ = 1;
    bool vlen_utf8_ = false;
};

// numcodecs' vlen-utf8 buffer (u32 count, then u32 length + bytes per item) -> `count` elements
// of `width` bytes each, NUL padded, cut at a UTF-8 character boundary when longer.
Result<Bytes> decode_vlen_utf8(ByteSpan buffer, std::uint64_t count, std::size_t width,
                               std::string_view what);

}  // namespace cs
