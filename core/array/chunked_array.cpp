#include "core/array/chunked_array.h"

#include <algorithm>
#include <cstring>

namespace cs {

Result<Bytes> ChunkedArray::encode_chunk(std::span<const std::uint64_t>, ByteSpan) const {
    return fail(ErrorCode::Unsupported, describe() + ": array is read-only");
}

Result<void> ChunkedArray::write_stored_chunk(std::span<const std::uint64_t>, ByteSpan) {
    return fail(ErrorCode::Unsupported, describe() + ": array is read-only");
}

Bytes ChunkedArray::fill_chunk() const {
    const ArrayMeta& m = meta();
    const std::uint64_t n = m.grid.chunk_elements();
    const std::size_t item = m.dtype.itemsize;
    Bytes out(n * item);
    if (!m.fill_value || std::all_of(m.fill_value->begin(), m.fill_value->end(),
                                     [](std::uint8_t b) { return b == 0; })) {
        std::fill(out.begin(), out.end(), std::uint8_t{0});
        return out;
    }
    const std::uint8_t* fill = m.fill_value->data();
    if (item == 1) {
        std::fill(out.begin(), out.end(), fill[0]);
        return out;
    }
    // Copy one element, then double the filled prefix: log(n) memcpy calls.
    if (n == 0) return out;
    std::memcpy(out.data(), fill, std::min<std::size_t>(item, m.fill_value->size()));
    std::size_t filled = item;
    while (filled < out.size()) {
        const std::size_t copy = std::min(filled, out.size() - filled);
        std::memcpy(out.data() + filled, out.data(), copy);
        filled += copy;
    }
    return out;
}

Result<Bytes> ChunkedArray::read_chunk(std::span<const std::uint64_t> coords,
                                       ReadStats* stats) const {
    CS_ASSIGN_OR_RETURN(std::optional<Bytes> stored, read_stored_chunk(coords, stats));
    if (!stored) return fill_chunk();
    return decode_chunk(coords, std::move(*stored));
}

Result<void> ChunkedArray::write_chunk(std::span<const std::uint64_t> coords, ByteSpan elements) {
    CS_ASSIGN_OR_RETURN(Bytes stored, encode_chunk(coords, elements));
    return write_stored_chunk(coords, stored);
}

}  // namespace cs
