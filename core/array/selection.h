// NumPy-style basic selections over a ChunkedArray: "0:10, :, 1", "...", "-1", "::2".
// parse_selection() turns the text into one AxisSelection per array axis; read_selection() reads
// just the chunks the selection touches and assembles the selected elements in C order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/array/chunk_grid.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

class ChunkedArray;

// Indices start, start + step, ... below stop along one axis.
struct AxisSelection {
    std::uint64_t start = 0;
    std::uint64_t stop = 0;  // exclusive; start <= stop
    std::uint64_t step = 1;  // >= 1
    bool drop = false;       // a bare integer: the axis is left out of the result shape

    std::uint64_t count() const { return stop > start ? (stop - start + step - 1) / step : 0; }
    std::uint64_t last() const { return start + (count() - 1) * step; }  // needs count() > 0

    friend bool operator==(const AxisSelection&, const AxisSelection&) = default;
};

struct Selection {
    std::vector<AxisSelection> axes;  // exactly one per array axis

    // Everything: ":" on every axis.
    static Selection all(const Shape& shape);
    // The shape of the result, without the dropped axes (NumPy's shape of a[sel]).
    Shape result_shape() const;
    // Selected count on every axis, dropped axes as 1: the layout of read_selection's bytes.
    Shape counts() const;
    std::uint64_t num_elements() const;

    friend bool operator==(const Selection&, const Selection&) = default;
};

// Parses NumPy basic indexing for an array of `shape`: comma-separated entries, each an integer
// (negative counts from the end; drops the axis), a slice "start:stop[:step]" with any part
// omitted, or "..." (at most once, standing for as many ":" as needed). Fewer entries than axes
// select everything on the rest; "" selects everything. As in NumPy, slice bounds past the ends
// are clipped, while an integer out of range is an error. Steps must be positive. Errors are
// InvalidArgument naming the entry and the axis.
Result<Selection> parse_selection(std::string_view text, const Shape& shape);

// The selected elements in C order over selection.counts() (equivalently result_shape()), in
// the array's dtype and byte order. Reads each chunk that holds at least one selected element
// exactly once, through ChunkedArray::read_chunk (so a missing chunk reads as fill).
Result<Bytes> read_selection(const ChunkedArray& array, const Selection& selection);

// "[0:10, :, 1]" in NumPy syntax with explicit bounds, for messages and window titles.
std::string to_string(const Selection& selection);

}  // namespace cs
