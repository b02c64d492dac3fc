#include "core/zarr/v3/bytes_codec.h"

#include <algorithm>

namespace cs::zarr3 {
namespace {

std::uint64_t element_count(const Shape& shape) {
    std::uint64_t n = 1;
    for (auto s : shape) n *= s;
    return n;
}

// Reverses each `unit`-byte word in place; complex numbers swap their two halves separately.
void swap_words(Bytes& data, std::size_t unit) {
    for (std::size_t i = 0; i + unit <= data.size(); i += unit)
        std::reverse(data.begin() + static_cast<std::ptrdiff_t>(i),
                     data.begin() + static_cast<std::ptrdiff_t>(i + unit));
}

std::size_t swap_unit(const DType& dtype) {
    if (dtype.kind == DTypeKind::Raw || dtype.kind == DTypeKind::Bool) return 1;
    if (dtype.kind == DTypeKind::Complex) return dtype.itemsize / 2;
    return dtype.itemsize;
}

}  // namespace

Result<std::unique_ptr<BytesCodec>> BytesCodec::from_config(const Json& config,
                                                            const DType& dtype) {
    const Json* endian = config.find("endian");
    if (!endian || endian->is_null()) {
        if (swap_unit(dtype) > 1)
            return fail(ErrorCode::Corrupt,
                        "bytes codec: \"endian\" is required for " + dtype.display_name());
        return std::make_unique<BytesCodec>(std::nullopt);
    }
    if (endian->is_string() && endian->as_string() == "little")
        return std::make_unique<BytesCodec>(Endian::Little);
    if (endian->is_string() && endian->as_string() == "big")
        return std::make_unique<BytesCodec>(Endian::Big);
    return fail(ErrorCode::Corrupt,
                "bytes codec: endian " + write_json(*endian) + " is not \"little\" or \"big\"");
}

Json BytesCodec::to_json() const {
    if (!endian_) return named_config("bytes", Json());
    Json config = Json::object();
    config["endian"] = Json(*endian_ == Endian::Big ? "big" : "little");
    return named_config("bytes", std::move(config));
}

Result<Bytes> BytesCodec::encode(Bytes elements, const Shape& shape, const DType& dtype) const {
    if (elements.size() != element_count(shape) * dtype.itemsize)
        return fail(ErrorCode::InvalidArgument,
                    "bytes codec: got " + std::to_string(elements.size()) + " bytes, expected " +
                        std::to_string(element_count(shape) * dtype.itemsize));
    if (endian_ == Endian::Big) swap_words(elements, swap_unit(dtype));
    return elements;
}

Result<Bytes> BytesCodec::decode(Bytes stored, const Shape& shape, const DType& dtype) const {
    if (stored.size() != element_count(shape) * dtype.itemsize)
        return fail(ErrorCode::Corrupt, "bytes codec: chunk holds " +
                                            std::to_string(stored.size()) + " bytes, expected " +
                                            std::to_string(element_count(shape) * dtype.itemsize));
    if (endian_ == Endian::Big) swap_words(stored, swap_unit(dtype));
    return stored;
}

std::optional<std::uint64_t> BytesCodec::fixed_encoded_size(const Shape& shape,
                                                            const DType& dtype) const {
    return element_count(shape) * dtype.itemsize;
}

}  // namespace cs::zarr3
