// The one interface the engine, the CLI and the window see for any chunked array: a Zarr v2 or
// v3 array, or an HDF5 / NetCDF-4 dataset. Reading a chunk is split into the phases the profiler
// reports: read_stored_chunk() is the I/O (for HDF5, under the library lock, whose wait it
// reports) and decode_chunk() is pure CPU work that any thread may run at the same time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/array/chunk_grid.h"
#include "core/array/dtype.h"
#include "core/json/json.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

struct ArrayMeta {
    ChunkGrid grid;  // shape and chunk shape
    DType dtype;
    char order = 'C';  // storage order inside a chunk ('C' or 'F'); decoded chunks are always C
    // One element in the dtype's byte order; nullopt when the format says "no fill value"
    // (Zarr's null), which reads as zero bytes.
    std::optional<Bytes> fill_value;
    std::vector<std::string> dimension_names;  // empty when the format has none
    Json attributes = Json::object();
    // The codec pipeline as JSON configs, filters first then the compressor (numcodecs form for
    // Zarr v2, the codec chain for v3, filter descriptions for HDF5).
    Json codecs = Json::array();

    const Shape& shape() const { return grid.shape; }
    const Shape& chunk_shape() const { return grid.chunk_shape; }
    std::uint64_t chunk_nbytes() const { return grid.chunk_elements() * dtype.itemsize; }
    std::uint64_t nbytes() const { return grid.array_elements() * dtype.itemsize; }
};

// Storage facts about one chunk, without reading it.
struct ChunkStorage {
    ChunkCoords coords;
    std::string key;                 // Zarr key ("0.3.1"), empty for HDF5
    bool present = false;            // false: never written, reads as fill value
    std::uint64_t stored_bytes = 0;  // bytes on disk (0 when not present)
    std::uint64_t file_offset = 0;   // HDF5 address in the file; 0 for Zarr
    std::uint32_t filter_mask = 0;   // HDF5: bit i set = filter i skipped for this chunk
    // HDF5: false when file_offset and filter_mask were not looked up (a dataset of very many
    // chunks on HDF5 1.10, where each lookup walks the whole chunk index).
    bool located = true;
};

// A name/value line of `info`, in the order the user sees them.
struct InfoField {
    std::string name;
    std::string value;
};

// Time a read spent that is not its own work, for the task's phase record.
struct ReadStats {
    std::uint64_t lock_wait_ns = 0;  // waiting for the HDF5 library lock
    std::uint64_t stored_bytes = 0;  // bytes read from storage
};

// The skeleton of a chunk_storage(): one Storage (a struct with `coords`) per chunk of `grid` in
// C order, its coords set, the rest filled in by `fill(Storage&) -> Result<void>` (whose error
// ends the listing).
template <class Storage = ChunkStorage, class Fill>
Result<std::vector<Storage>> storage_of_each_chunk(const ChunkGrid& grid, Fill&& fill) {
    std::vector<Storage> out;
    const std::uint64_t n = grid.num_chunks();
    out.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        Storage s;
        s.coords = grid.coords_of(i);
        CS_RETURN_IF_ERROR(fill(s));
        out.push_back(std::move(s));
    }
    return out;
}

// A chunk decoded piece by piece, front to back: for a consumer that folds each piece while it is
// still in the core's cache and never holds the whole chunk (see ChunkedArray::open_pieces()).
class ChunkPieces {
public:
    virtual ~ChunkPieces() = default;
    // The largest piece next() writes.
    virtual std::size_t max_piece() const = 0;
    // Writes the next piece, which follows the previous one in the chunk's decoded bytes, to
    // `out` (room for max_piece() bytes) and returns its size; 0 once the chunk is done. Errors
    // name the chunk and the array, like decode_chunk()'s.
    virtual Result<std::size_t> next(std::uint8_t* out) = 0;
    // Of the time next() took so far, how much was computing on the decoded values (an
    // expression evaluated over each piece), in the task timer's nanoseconds: a profile shows
    // it as compute, not decode.
    virtual std::int64_t compute_ns() const { return 0; }
};

class ChunkedArray {
public:
    virtual ~ChunkedArray() = default;

    virtual const ArrayMeta& meta() const = 0;
    // Where the array lives, for messages: "data/g.zarr/calldata/genotype".
    virtual std::string describe() const = 0;
    // Lines of `chunkscope-cli info` (zarr-python's info fields, or h5ls -v's for HDF5).
    virtual std::vector<InfoField> info() const = 0;

    // I/O phase: the stored (encoded) bytes of one chunk, nullopt when never written.
    virtual Result<std::optional<Bytes>> read_stored_chunk(std::span<const std::uint64_t> coords,
                                                           ReadStats* stats = nullptr) const = 0;
    // Decode phase: stored bytes -> meta().chunk_nbytes() bytes of elements in C order over the
    // full chunk shape, in the dtype's byte order. Thread-safe; does no I/O. Errors name the
    // chunk and the array.
    virtual Result<Bytes> decode_chunk(std::span<const std::uint64_t> coords,
                                       Bytes stored) const = 0;
    // Decode phase, piece by piece: what decode_chunk() gives, in the same byte order, for a
    // chunk whose codec can decode it in parts (a Zarr chunk compressed with blosc). Takes
    // `stored` only when it returns a decoder; null, with `stored` untouched, when the chunk can
    // only be decoded whole.
    virtual std::unique_ptr<ChunkPieces> open_pieces(std::span<const std::uint64_t> coords,
                                                     Bytes& stored) const {
        (void)coords;
        (void)stored;
        return nullptr;
    }
    // Storage facts for every chunk of the grid, in C order of chunk coordinates.
    virtual Result<std::vector<ChunkStorage>> chunk_storage() const = 0;

    // Writing, for copy targets. encode_chunk() is thread-safe CPU work; write_stored_chunk()
    // is atomic (a chunk is whole or absent, never torn).
    virtual bool writable() const { return false; }
    virtual Result<Bytes> encode_chunk(std::span<const std::uint64_t> coords,
                                       ByteSpan elements) const;
    virtual Result<void> write_stored_chunk(std::span<const std::uint64_t> coords, ByteSpan stored);

    // A full chunk of fill value (zeros when there is none).
    Bytes fill_chunk() const;
    // read_stored_chunk + decode_chunk, or fill_chunk() for a missing chunk.
    Result<Bytes> read_chunk(std::span<const std::uint64_t> coords,
                             ReadStats* stats = nullptr) const;
    // encode_chunk + write_stored_chunk.
    Result<void> write_chunk(std::span<const std::uint64_t> coords, ByteSpan elements);
};

}  // namespace cs
