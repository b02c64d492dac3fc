#include "core/engine/task_context.h"

#include <algorithm>
#include <utility>

namespace cs::engine {

using trace::Phase;

void byteswap_elements(MutableByteSpan data, std::size_t itemsize) {
    if (itemsize < 2) return;
    for (std::size_t i = 0; i + itemsize <= data.size(); i += itemsize)
        std::reverse(data.begin() + static_cast<std::ptrdiff_t>(i),
                     data.begin() + static_cast<std::ptrdiff_t>(i + itemsize));
}

Result<std::optional<Bytes>> TaskContext::read_stored(const ChunkedArray& array,
                                                      std::span<const std::uint64_t> coords) {
    std::unique_lock<std::mutex> lock;
    if (storage_lock_) {
        auto wait = timer_.phase(Phase::LockWait);
        lock = std::unique_lock(*storage_lock_);
    }
    ReadStats stats;
    // Reads follow the task's start or the previous chunk's decode with nothing timed between.
    const std::int64_t start = timer_.last();
    auto read = array.read_stored_chunk(coords, &stats);
    const std::int64_t end = timer_.now();
    // HDF5 waits for its own library lock inside the read: that wait is the first part of the
    // read's time, shown as a lock-wait span followed by the read span.
    const std::int64_t wait =
        std::min<std::int64_t>(static_cast<std::int64_t>(stats.lock_wait_ns), end - start);
    timer_.add_phase(Phase::LockWait, start, wait);
    timer_.add_phase(Phase::Read, start + wait, end - start - wait);
    if (read && *read) timer_.add_stored_in((*read)->size());
    return read;
}

Result<Bytes> TaskContext::decode(const ChunkedArray& array, std::span<const std::uint64_t> coords,
                                  Bytes stored) {
    auto p = timer_.phase_from_last(Phase::Decode);  // right after its read
    CS_ASSIGN_OR_RETURN(Bytes out, array.decode_chunk(coords, std::move(stored)));
    if (array.meta().dtype.needs_byteswap()) byteswap_elements(out, array.meta().dtype.itemsize);
    timer_.add_raw_in(out.size());
    return out;
}

Bytes TaskContext::fill_values(const ChunkedArray& array) {
    Bytes fill = array.fill_chunk();
    if (array.meta().dtype.needs_byteswap()) byteswap_elements(fill, array.meta().dtype.itemsize);
    timer_.add_raw_in(fill.size());
    return fill;
}

Result<Bytes> TaskContext::read_decoded(const ChunkedArray& array,
                                        std::span<const std::uint64_t> coords) {
    CS_ASSIGN_OR_RETURN(auto stored, read_stored(array, coords));
    if (!stored) return fill_values(array);
    return decode(array, coords, std::move(*stored));
}

Result<std::unique_ptr<ChunkPieces>> TaskContext::read_in_pieces(
    const ChunkedArray& array, std::span<const std::uint64_t> coords, Bytes* whole) {
    CS_ASSIGN_OR_RETURN(auto stored, read_stored(array, coords));
    if (!stored) {
        *whole = fill_values(array);
        return nullptr;
    }
    if (!array.meta().dtype.needs_byteswap()) {
        if (auto pieces = array.open_pieces(coords, *stored)) {
            timer_.add_raw_in(array.meta().chunk_nbytes());
            return pieces;
        }
    }
    CS_ASSIGN_OR_RETURN(*whole, decode(array, coords, std::move(*stored)));
    return nullptr;
}

Result<Bytes> TaskContext::encode(const ChunkedArray& array, std::span<const std::uint64_t> coords,
                                  ByteSpan elements) {
    auto p = timer_.phase(Phase::Encode);
    timer_.add_raw_out(elements.size());
    if (array.meta().dtype.needs_byteswap()) {
        Bytes swapped = copy_bytes(elements);
        byteswap_elements(swapped, array.meta().dtype.itemsize);
        return array.encode_chunk(coords, swapped);
    }
    return array.encode_chunk(coords, elements);
}

Result<void> TaskContext::write_stored(ChunkedArray& array, std::span<const std::uint64_t> coords,
                                       ByteSpan stored) {
    std::unique_lock<std::mutex> lock;
    if (storage_lock_) {
        auto wait = timer_.phase(Phase::LockWait);
        lock = std::unique_lock(*storage_lock_);
    }
    auto p = timer_.phase(Phase::Write);
    CS_RETURN_IF_ERROR(array.write_stored_chunk(coords, stored));
    timer_.add_stored_out(stored.size());
    return {};
}

}  // namespace cs::engine
