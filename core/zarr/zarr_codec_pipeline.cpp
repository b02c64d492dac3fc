#include "core/zarr/zarr_codec_pipeline.h"

#include <algorithm>
#include <cstring>

namespace cs {

namespace {

// The item size a filter's encode() produces: its "astype" (delta, fixedscaleoffset, quantize)
// or "encode_dtype" (astype), else unchanged.
std::size_t filter_output_itemsize(const Json& config, std::size_t input) {
    for (const char* key : {"astype", "encode_dtype"}) {
        if (const Json* t = config.find(key)) {
            if (auto d = DType::from_numpy(*t)) return d->itemsize;
        }
    }
    return input;
}

std::uint32_t load_u32le(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
           (std::uint32_t{p[3]} << 24);
}

// Length of the longest prefix of `s` (at most `width` bytes) that ends on a character boundary.
std::size_t utf8_cut(const std::uint8_t* s, std::size_t len, std::size_t width) {
    if (len <= width) return len;
    std::size_t cut = width;
    while (cut > 0 && (s[cut] & 0xC0) == 0x80) --cut;  // s[cut] continues a character
    return cut;
}

}  // namespace

Result<Bytes> decode_vlen_utf8(ByteSpan buffer, std::uint64_t count, std::size_t width,
                               std::string_view what) {
    auto corrupt = [&](const std::string& why) {
        const std::string prefix = what.empty() ? std::string() : std::string(what) + ": ";
        return fail(ErrorCode::Corrupt, prefix + "vlen-utf8 data " + why);
    };
    if (buffer.size() < 4) return corrupt("is shorter than its 4-byte header");
    const std::uint32_t n = load_u32le(buffer.data());
    if (n != count) {
        return corrupt("holds " + std::to_string(n) + " items, expected " + std::to_string(count));
    }
    Bytes out(count * width);
    std::fill(out.begin(), out.end(), std::uint8_t{0});
    std::size_t pos = 4;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (buffer.size() - pos < 4) return corrupt("ends inside item " + std::to_string(i));
        const std::uint32_t len = load_u32le(buffer.data() + pos);
        pos += 4;
        if (buffer.size() - pos < len) return corrupt("ends inside item " + std::to_string(i));
        const std::size_t keep = utf8_cut(buffer.data() + pos, len, width);
        if (keep > 0) std::memcpy(out.data() + i * width, buffer.data() + pos, keep);
        pos += len;
    }
    return out;
}

Result<ZarrCodecPipeline> ZarrCodecPipeline::create(const ZarrArrayMetadata& meta,
                                                    std::string_view what) {
    ZarrCodecPipeline p;
    p.itemsize_ = meta.dtype.itemsize;
    p.chunk_elements_ = ChunkGrid{meta.shape, meta.chunks}.chunk_elements();
    p.vlen_utf8_ = meta.is_vlen_utf8();
    std::size_t itemsize = meta.dtype.itemsize;
    if (meta.filters.is_array()) {
        const auto& filters = meta.filters.as_array();
        // The object codec is chunkscope's own decoder; what follows it sees plain bytes.
        std::size_t first = 0;
        if (p.vlen_utf8_) {
            first = 1;
            itemsize = 1;
        }
        for (std::size_t i = first; i < filters.size(); ++i) {
            auto codec = make_codec(filters[i], itemsize);
            if (!codec) return fail(codec.error().with_context(std::string(what)));
            Stage stage;
            stage.codec = std::shared_ptr<const Codec>(std::move(*codec));
            stage.input_itemsize = itemsize;
            stage.output_itemsize = filter_output_itemsize(filters[i], itemsize);
            itemsize = stage.output_itemsize;
            p.filters_.push_back(std::move(stage));
        }
    }
    p.compressor_input_itemsize_ = itemsize;
    if (!meta.compressor.is_null()) {
        auto codec = make_codec(meta.compressor, itemsize);
        if (!codec) return fail(codec.error().with_context(std::string(what)));
        p.compressor_ = std::shared_ptr<const Codec>(std::move(*codec));
    }
    return p;
}

Result<Bytes> ZarrCodecPipeline::decode(Bytes stored) const {
    // Sizes are known at every stage except inside a vlen-utf8 chain, so no stage may allocate
    // more than the chunk needs.
    auto expected = [&](std::size_t item) -> std::optional<std::size_t> {
        if (vlen_utf8_) return std::nullopt;
        return static_cast<std::size_t>(chunk_elements_ * item);
    };
    Bytes data;
    if (compressor_) {
        CS_ASSIGN_OR_RETURN(data,
                            compressor_->decode(stored, expected(compressor_input_itemsize_)));
    } else {
        data = std::move(stored);
    }
    for (auto it = filters_.rbegin(); it != filters_.rend(); ++it) {
        CS_ASSIGN_OR_RETURN(data, it->codec->decode(data, expected(it->input_itemsize)));
    }
    if (vlen_utf8_) return decode_vlen_utf8(data, chunk_elements_, itemsize_, {});
    const std::uint64_t want = chunk_elements_ * itemsize_;
    if (data.size() != want) {
        return fail(ErrorCode::Corrupt, "chunk decodes to " + std::to_string(data.size()) +
                                            " bytes, expected " + std::to_string(want));
    }
    return data;
}

Result<Bytes> ZarrCodecPipeline::encode(ByteSpan elements, std::string_view what) const {
    if (vlen_utf8_) {
        return fail(ErrorCode::Unsupported,
                    std::string(what) + ": vlen-utf8 (object) arrays are read-only");
    }
    const std::uint64_t want = chunk_elements_ * itemsize_;
    if (elements.size() != want) {
        return fail(ErrorCode::InvalidArgument,
                    std::string(what) + ": got " + std::to_string(elements.size()) +
                        " bytes of elements to encode, expected " + std::to_string(want));
    }
    // Each stage reads the previous stage's output; the first reads the caller's elements
    // directly (no copy of the chunk unless no stage runs at all).
    Bytes data;
    ByteSpan current = elements;
    for (const auto& stage : filters_) {
        auto out = stage.codec->encode(current);
        if (!out) return fail(out.error().with_context(std::string(what)));
        data = std::move(*out);
        current = data;
    }
    if (compressor_) {
        auto out = compressor_->encode(current);
        if (!out) return fail(out.error().with_context(std::string(what)));
        return std::move(*out);
    }
    if (filters_.empty()) return copy_bytes(elements);
    return data;
}

}  // namespace cs
