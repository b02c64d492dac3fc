#include "core/zarr/v3/transpose_codec.h"

#include <cstring>

namespace cs::zarr3 {
namespace {

std::vector<std::uint64_t> c_strides(const Shape& shape) {
    std::vector<std::uint64_t> s(shape.size(), 1);
    for (std::size_t i = shape.size(); i-- > 1;) s[i - 1] = s[i] * shape[i];
    return s;
}

// Walks the destination in C order and gathers from the source through permuted strides.
Bytes gather(const Bytes& src, const Shape& dst_shape,
             const std::vector<std::uint64_t>& src_strides_in_dst_axes, std::size_t itemsize) {
    Bytes dst(src.size());
    const std::size_t rank = dst_shape.size();
    std::uint64_t total = 1;
    for (auto d : dst_shape) total *= d;
    std::vector<std::uint64_t> idx(rank, 0);
    std::uint64_t src_offset = 0;
    for (std::uint64_t n = 0; n < total; ++n) {
        std::memcpy(dst.data() + n * itemsize, src.data() + src_offset * itemsize, itemsize);
        for (std::size_t a = rank; a-- > 0;) {
            ++idx[a];
            src_offset += src_strides_in_dst_axes[a];
            if (idx[a] < dst_shape[a]) break;
            src_offset -= idx[a] * src_strides_in_dst_axes[a];
            idx[a] = 0;
        }
    }
    return dst;
}

}  // namespace

Result<std::unique_ptr<TransposeCodec>> TransposeCodec::from_config(const Json& config,
                                                                    std::size_t rank) {
    const Json* order = config.find("order");
    std::vector<std::size_t> perm(rank);
    if (order && order->is_string() && (order->as_string() == "C" || order->as_string() == "F")) {
        for (std::size_t i = 0; i < rank; ++i)
            perm[i] = order->as_string() == "C" ? i : rank - 1 - i;
        return std::make_unique<TransposeCodec>(std::move(perm));
    }
    if (!order || !order->is_array() || order->size() != rank)
        return fail(ErrorCode::Corrupt,
                    "transpose codec: \"order\" must list " + std::to_string(rank) + " axes");
    std::vector<bool> seen(rank, false);
    for (std::size_t i = 0; i < rank; ++i) {
        const Json& v = order->as_array()[i];
        if (!v.is_int() || v.as_int() < 0 || static_cast<std::uint64_t>(v.as_int()) >= rank ||
            seen[v.as_int()])
            return fail(ErrorCode::Corrupt,
                        "transpose codec: order " + write_json(*order) + " is not a permutation");
        perm[i] = static_cast<std::size_t>(v.as_int());
        seen[perm[i]] = true;
    }
    return std::make_unique<TransposeCodec>(std::move(perm));
}

Json TransposeCodec::to_json() const {
    Json order = Json::array();
    for (auto a : order_) order.push_back(Json(static_cast<unsigned long>(a)));
    Json config = Json::object();
    config["order"] = std::move(order);
    return named_config("transpose", std::move(config));
}

Shape TransposeCodec::encoded_shape(const Shape& decoded_shape) const {
    Shape out(order_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) out[i] = decoded_shape[order_[i]];
    return out;
}

Result<Bytes> TransposeCodec::encode(Bytes elements, const Shape& decoded_shape,
                                     std::size_t itemsize) const {
    // Encoded axis i walks decoded axis order_[i].
    const auto src = c_strides(decoded_shape);
    std::vector<std::uint64_t> strides(order_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) strides[i] = src[order_[i]];
    return gather(elements, encoded_shape(decoded_shape), strides, itemsize);
}

Result<Bytes> TransposeCodec::decode(Bytes elements, const Shape& decoded_shape,
                                     std::size_t itemsize) const {
    // Decoded axis order_[i] walks encoded axis i.
    const auto src = c_strides(encoded_shape(decoded_shape));
    std::vector<std::uint64_t> strides(order_.size());
    for (std::size_t i = 0; i < order_.size(); ++i) strides[order_[i]] = src[i];
    return gather(elements, decoded_shape, strides, itemsize);
}

}  // namespace cs::zarr3
