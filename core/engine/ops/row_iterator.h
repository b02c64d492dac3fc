// Walks the part of a decoded chunk that lies inside the array as contiguous rows, and tells
// for each row where its values go in an output block (reductions) or another buffer. Adjacent
// axes that are laid out contiguously in both the input and the output are merged first, so a
// reduction over the trailing axes of a (6553, 200, 2) chunk visits 6553 rows of 400 values,
// not 1.3 million rows of 2.
#pragma once

#include <cstdint>
#include <vector>

#include "core/array/chunk_grid.h"

namespace cs::engine {

struct RowLayout {
    // After merging: per axis the extent, the input stride and the output stride (elements).
    std::vector<std::uint64_t> extent, in_stride, out_stride;
    // Output offset of the first row: a slice of a chunk's rows (folded as the chunk decodes)
    // starts where its first row goes.
    std::uint64_t out_origin = 0;

    // `chunk_shape`: the full (stored) chunk shape; `extent`: the part inside the array;
    // `out_stride_per_axis`: the output stride of each axis (0 for reduced axes).
    static RowLayout make(const Shape& chunk_shape, const Shape& extent,
                          const std::vector<std::uint64_t>& out_stride_per_axis) {
        RowLayout r;
        const std::size_t rank = chunk_shape.size();
        std::vector<std::uint64_t> in(rank);
        std::uint64_t s = 1;
        for (std::size_t i = rank; i-- > 0;) {
            in[i] = s;
            s *= chunk_shape[i];
        }
        for (std::size_t i = 0; i < rank; ++i) {
            if (extent[i] == 1 && i + 1 < rank) continue;  // adds nothing; the last axis stays
            if (!r.extent.empty() && r.in_stride.back() == extent[i] * in[i] &&
                r.out_stride.back() == extent[i] * out_stride_per_axis[i]) {
                r.extent.back() *= extent[i];
                r.in_stride.back() = in[i];
                r.out_stride.back() = out_stride_per_axis[i];
                continue;
            }
            r.extent.push_back(extent[i]);
            r.in_stride.push_back(in[i]);
            r.out_stride.push_back(out_stride_per_axis[i]);
        }
        if (r.extent.empty()) {  // 0-d array: one element
            r.extent = {1};
            r.in_stride = {1};
            r.out_stride = {0};
        }
        return r;
    }

    std::uint64_t row_length() const { return extent.back(); }
    // Output stride along a row: 0 when the row reduces into one output element.
    std::uint64_t row_out_stride() const { return out_stride.back(); }
    // Elements inside the array, 0 when an axis is empty.
    std::uint64_t elements() const {
        std::uint64_t n = 1;
        for (auto e : extent) n *= e;
        return n;
    }

    // f(input_offset, output_offset) for every row, in C order.
    template <class F>
    void for_each_row(F&& f) const {
        if (elements() == 0) return;
        const std::size_t outer = extent.size() - 1;
        std::vector<std::uint64_t> idx(outer, 0);
        std::uint64_t in_off = 0, out_off = out_origin;
        for (;;) {
            f(in_off, out_off);
            std::size_t a = outer;
            while (a-- > 0) {
                ++idx[a];
                in_off += in_stride[a];
                out_off += out_stride[a];
                if (idx[a] < extent[a]) break;
                in_off -= in_stride[a] * extent[a];
                out_off -= out_stride[a] * extent[a];
                idx[a] = 0;
            }
            if (a == static_cast<std::size_t>(-1)) return;
        }
    }
};

}  // namespace cs::engine
