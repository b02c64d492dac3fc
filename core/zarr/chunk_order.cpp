#include "core/zarr/chunk_order.h"

#include <cstring>
#include <vector>

namespace cs {

namespace {

// Walks every element in C order, copying between the C offset and the Fortran offset;
// `to_c` picks the direction. The odometer keeps the Fortran offset incrementally.
Bytes reorder(ByteSpan src, const Shape& shape, std::size_t itemsize, bool to_c) {
    Bytes out(src.size());
    const std::size_t rank = shape.size();
    std::uint64_t count = 1;
    for (auto s : shape) count *= s;
    if (rank <= 1 || count == 0 || count * itemsize != src.size()) {
        if (!src.empty()) std::memcpy(out.data(), src.data(), src.size());
        return out;
    }
    std::vector<std::uint64_t> f_stride(rank);
    std::uint64_t stride = 1;
    for (std::size_t i = 0; i < rank; ++i) {
        f_stride[i] = stride;
        stride *= shape[i];
    }
    std::vector<std::uint64_t> index(rank, 0);
    std::uint64_t f_offset = 0;
    for (std::uint64_t c = 0; c < count; ++c) {
        const std::uint8_t* from =
            to_c ? src.data() + f_offset * itemsize : src.data() + c * itemsize;
        std::uint8_t* to = to_c ? out.data() + c * itemsize : out.data() + f_offset * itemsize;
        std::memcpy(to, from, itemsize);
        for (std::size_t axis = rank; axis-- > 0;) {
            if (++index[axis] < shape[axis]) {
                f_offset += f_stride[axis];
                break;
            }
            f_offset -= (shape[axis] - 1) * f_stride[axis];
            index[axis] = 0;
        }
    }
    return out;
}

}  // namespace

Bytes fortran_to_c_order(ByteSpan src, const Shape& shape, std::size_t itemsize) {
    return reorder(src, shape, itemsize, true);
}

Bytes c_to_fortran_order(ByteSpan src, const Shape& shape, std::size_t itemsize) {
    return reorder(src, shape, itemsize, false);
}

}  // namespace cs
