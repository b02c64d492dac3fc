// What a task body sees while it runs: timed access to the arrays (each call is one phase of the
// task's record, behind the storage lock when the run uses one), byte counters, and the
// cancellation flag. Task bodies do their I/O through these helpers so every task is profiled the
// same way.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <span>

#include "core/array/chunked_array.h"
#include "core/trace/task_timer.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs::engine {

class TaskContext {
public:
    TaskContext(trace::TaskTimer& timer, std::mutex* storage_lock, const std::atomic<bool>& cancel)
        : timer_(timer), storage_lock_(storage_lock), cancel_(cancel) {}

    bool cancelled() const { return cancel_.load(std::memory_order_relaxed); }
    trace::TaskTimer& timer() { return timer_; }
    trace::TaskTimer::PhaseScope phase(trace::Phase p) { return timer_.phase(p); }
    // Starts where the last phase ended: for a phase right after read_decoded().
    trace::TaskTimer::PhaseScope phase_from_last(trace::Phase p) {
        return timer_.phase_from_last(p);
    }

    // Lock wait + read phases: the stored bytes of a chunk, nullopt when absent.
    Result<std::optional<Bytes>> read_stored(const ChunkedArray& array,
                                             std::span<const std::uint64_t> coords);
    // Decode phase, then byte order made native (the engine computes on native values).
    Result<Bytes> decode(const ChunkedArray& array, std::span<const std::uint64_t> coords,
                         Bytes stored);
    // read_stored + decode, or the fill chunk (native order) for an absent chunk.
    Result<Bytes> read_decoded(const ChunkedArray& array, std::span<const std::uint64_t> coords);
    // read_stored, then, when the array can decode the chunk piece by piece and its values need
    // no byte swap, the piece decoder (the caller times its decode phase); otherwise what
    // read_decoded() gives, in `*whole`, and null.
    Result<std::unique_ptr<ChunkPieces>> read_in_pieces(const ChunkedArray& array,
                                                        std::span<const std::uint64_t> coords,
                                                        Bytes* whole);
    // Encode phase (`elements` in native order; swapped back for a big-endian target).
    Result<Bytes> encode(const ChunkedArray& array, std::span<const std::uint64_t> coords,
                         ByteSpan elements);
    // Lock wait + write phases.
    Result<void> write_stored(ChunkedArray& array, std::span<const std::uint64_t> coords,
                              ByteSpan stored);

private:
    // The fill chunk, in native byte order, for an absent chunk.
    Bytes fill_values(const ChunkedArray& array);

    trace::TaskTimer& timer_;
    std::mutex* storage_lock_;  // null when the run has no storage lock
    const std::atomic<bool>& cancel_;
};

// Reverses the bytes of every `itemsize`-byte element in place.
void byteswap_elements(MutableByteSpan data, std::size_t itemsize);

}  // namespace cs::engine
