#include "core/zarr/v3/codec_chain.h"

#include "core/codec/codec.h"
#include "core/zarr/v3/bytes_codec.h"
#include "core/zarr/v3/compressor_codec.h"
#include "core/zarr/v3/crc32c_codec.h"
#include "core/zarr/v3/sharding_codec.h"
#include "core/zarr/v3/transpose_codec.h"
#include "core/zarr/v3/zstd_codec.h"

namespace cs::zarr3 {
namespace {

enum class Kind { ArrayToArray, ArrayToBytes, BytesToBytes, Unknown };

Kind kind_of(const std::string& name) {
    if (name == "transpose") return Kind::ArrayToArray;
    if (name == "bytes" || name == "sharding_indexed") return Kind::ArrayToBytes;
    if (name == "blosc" || name == "gzip" || name == "zstd" || name == "crc32c")
        return Kind::BytesToBytes;
    return Kind::Unknown;
}

const char* kind_name(Kind k) {
    switch (k) {
        case Kind::ArrayToArray:
            return "array->array";
        case Kind::ArrayToBytes:
            return "array->bytes";
        default:
            return "bytes->bytes";
    }
}

std::uint64_t element_count(const Shape& shape) {
    std::uint64_t n = 1;
    for (auto s : shape) n *= s;
    return n;
}

}  // namespace

Result<CodecChain> CodecChain::from_json(const Json& codecs, const DType& dtype,
                                         const Shape& chunk_shape, const std::optional<Bytes>& fill,
                                         std::string_view what) {
    const std::string where(what);
    if (!codecs.is_array()) return fail(ErrorCode::Corrupt, where + ": \"codecs\" must be a list");
    CodecChain chain;
    chain.dtype_ = dtype;
    chain.chunk_shape_ = chunk_shape;
    Shape shape = chunk_shape;
    Kind stage = Kind::ArrayToArray;
    for (const Json& entry : codecs.as_array()) {
        std::string name;
        Json config = Json::object();
        if (entry.is_string()) {
            name = entry.as_string();
        } else if (entry.is_object() && entry.find("name") && entry.find("name")->is_string()) {
            name = entry.find("name")->as_string();
            if (const Json* c = entry.find("configuration")) {
                if (!c->is_object())
                    return fail(ErrorCode::Corrupt, where + ": codec '" + name +
                                                        "' has a configuration that is not an "
                                                        "object");
                config = *c;
            }
        } else {
            return fail(ErrorCode::Corrupt,
                        where + ": codec " + write_json(entry) + " has no \"name\"");
        }
        const Kind kind = kind_of(name);
        if (kind == Kind::Unknown)
            return fail(ErrorCode::Unsupported, where + ": unknown codec '" + name + "'");
        if (kind < stage || (kind == Kind::ArrayToBytes && chain.array_to_bytes_))
            return fail(ErrorCode::Corrupt, where + ": " + kind_name(kind) + " codec '" + name +
                                                "' is out of place in the codec chain");
        stage = kind;
        const auto with_name = [&](Error e) { return fail(e.with_context(where)); };
        if (kind == Kind::ArrayToArray) {
            auto codec = TransposeCodec::from_config(config, shape.size());
            if (!codec) return with_name(codec.error());
            chain.shapes_.push_back(shape);
            shape = (*codec)->encoded_shape(shape);
            chain.array_to_array_.push_back(std::move(*codec));
        } else if (name == "bytes") {
            auto codec = BytesCodec::from_config(config, dtype);
            if (!codec) return with_name(codec.error());
            chain.array_to_bytes_ = std::move(*codec);
        } else if (name == "sharding_indexed") {
            CS_ASSIGN_OR_RETURN(auto codec,
                                ShardingCodec::from_config(config, dtype, shape, fill, what));
            chain.array_to_bytes_ = std::move(codec);
        } else if (name == "zstd") {
            auto codec = ZstdCodec::from_config(config);
            if (!codec) return with_name(codec.error());
            chain.bytes_to_bytes_.push_back(std::move(*codec));
        } else if (name == "crc32c") {
            chain.bytes_to_bytes_.push_back(std::make_unique<Crc32cCodec>());
        } else {
            auto codec = CompressorCodec::from_config(name, config, dtype.itemsize);
            if (!codec) return with_name(codec.error());
            chain.bytes_to_bytes_.push_back(std::move(*codec));
        }
    }
    if (!chain.array_to_bytes_)
        return fail(ErrorCode::Corrupt, where +
                                            ": the codec chain has no array->bytes codec "
                                            "(\"bytes\" or \"sharding_indexed\")");
    chain.shapes_.push_back(shape);
    // A chunk is decoded whole in memory: refuse sizes that overflow or that no reader could
    // allocate, before a hostile zarr.json makes us try. Shards are exempt (inner chunks are
    // checked by their own chain, and whole-shard access is checked when it is asked for).
    if (!chain.sharding()) {
        std::uint64_t bytes = dtype.itemsize;
        for (auto s : chunk_shape)
            if (__builtin_mul_overflow(bytes, s, &bytes)) bytes = ~std::uint64_t{0};
        if (bytes > kMaxDecodedSize)
            return fail(ErrorCode::Unsupported, where + ": a chunk of " + std::to_string(bytes) +
                                                    " bytes is larger than chunkscope reads (" +
                                                    std::to_string(kMaxDecodedSize) + ")");
    }
    return chain;
}

Result<Bytes> CodecChain::encode(Bytes elements) const {
    if (elements.size() != element_count(chunk_shape_) * dtype_.itemsize)
        return fail(ErrorCode::InvalidArgument,
                    "chunk of " + std::to_string(elements.size()) + " bytes, expected " +
                        std::to_string(element_count(chunk_shape_) * dtype_.itemsize));
    for (std::size_t i = 0; i < array_to_array_.size(); ++i) {
        CS_ASSIGN_OR_RETURN(
            elements, array_to_array_[i]->encode(std::move(elements), shapes_[i], dtype_.itemsize));
    }
    CS_ASSIGN_OR_RETURN(Bytes bytes,
                        array_to_bytes_->encode(std::move(elements), shapes_.back(), dtype_));
    for (const auto& codec : bytes_to_bytes_) {
        CS_ASSIGN_OR_RETURN(bytes, codec->encode(std::move(bytes)));
    }
    return bytes;
}

Result<Bytes> CodecChain::decode(Bytes stored) const {
    // The size each bytes->bytes codec must produce is known only for the innermost one (when
    // the array->bytes codec has a fixed size) and for fixed-overhead codecs above it.
    std::vector<std::optional<std::size_t>> expected(bytes_to_bytes_.size());
    std::optional<std::uint64_t> size = array_to_bytes_->fixed_encoded_size(shapes_.back(), dtype_);
    for (std::size_t i = 0; i < bytes_to_bytes_.size(); ++i) {
        expected[i] = size;
        const auto overhead = bytes_to_bytes_[i]->fixed_overhead();
        size = (size && overhead) ? std::optional<std::uint64_t>(*size + *overhead) : std::nullopt;
    }
    for (std::size_t i = bytes_to_bytes_.size(); i-- > 0;) {
        CS_ASSIGN_OR_RETURN(stored, bytes_to_bytes_[i]->decode(std::move(stored), expected[i]));
    }
    CS_ASSIGN_OR_RETURN(Bytes elements,
                        array_to_bytes_->decode(std::move(stored), shapes_.back(), dtype_));
    for (std::size_t i = array_to_array_.size(); i-- > 0;) {
        CS_ASSIGN_OR_RETURN(
            elements, array_to_array_[i]->decode(std::move(elements), shapes_[i], dtype_.itemsize));
    }
    return elements;
}

Json CodecChain::to_json() const {
    Json out = Json::array();
    for (const auto& c : array_to_array_) out.push_back(c->to_json());
    out.push_back(array_to_bytes_->to_json());
    for (const auto& c : bytes_to_bytes_) out.push_back(c->to_json());
    return out;
}

std::optional<std::uint64_t> CodecChain::fixed_encoded_size() const {
    std::optional<std::uint64_t> size = array_to_bytes_->fixed_encoded_size(shapes_.back(), dtype_);
    for (const auto& c : bytes_to_bytes_) {
        const auto overhead = c->fixed_overhead();
        if (!size || !overhead) return std::nullopt;
        *size += *overhead;
    }
    return size;
}

const ShardingCodec* CodecChain::sharding() const {
    return dynamic_cast<const ShardingCodec*>(array_to_bytes_.get());
}

}  // namespace cs::zarr3
