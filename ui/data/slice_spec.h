// A 2-D slice of an N-D array: which axis runs down the rows, which across the columns, and the
// index of every other axis. A 1-D array shows one row per element; a
// 0-d array is a single cell.
#pragma once

#include <cstdint>
#include <vector>

#include "core/array/chunk_grid.h"

namespace cs::ui {

struct SliceSpec {
    int rowAxis = -1;                    // -1: one row
    int colAxis = -1;                    // -1: one column
    std::vector<std::uint64_t> indices;  // one per axis; row/column entries are ignored

    std::uint64_t rows(const Shape& shape) const {
        return rowAxis >= 0 ? shape[static_cast<std::size_t>(rowAxis)] : 1;
    }
    std::uint64_t cols(const Shape& shape) const {
        return colAxis >= 0 ? shape[static_cast<std::size_t>(colAxis)] : 1;
    }
    // The array coordinates of slice cell (row, col).
    std::vector<std::uint64_t> coords(std::uint64_t row, std::uint64_t col) const {
        std::vector<std::uint64_t> c = indices;
        if (rowAxis >= 0) c[static_cast<std::size_t>(rowAxis)] = row;
        if (colAxis >= 0) c[static_cast<std::size_t>(colAxis)] = col;
        return c;
    }
    // For a 1-D array the element axis runs down the rows, which reads best in a table.
    static SliceSpec defaultFor(const Shape& shape) {
        SliceSpec s;
        s.indices.assign(shape.size(), 0);
        if (shape.size() == 1) s.rowAxis = 0;
        if (shape.size() >= 2) {
            s.rowAxis = static_cast<int>(shape.size()) - 2;
            s.colAxis = static_cast<int>(shape.size()) - 1;
        }
        return s;
    }
};

}  // namespace cs::ui
