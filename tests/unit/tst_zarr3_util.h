// Helpers for the Zarr v3 tests: JSON from the test's own text, the sharded array the shard
// tests share, whole-array reads and writes through the ChunkedArray interface, and a store
// wrapper that counts the bytes readers fetch (to prove ranged shard reads).
#pragma once

#include <QtGlobal>

#include <atomic>
#include <cstring>
#include <string>

#include "core/array/chunked_array.h"
#include "core/store/store.h"
#include "core/zarr/v3/zarr3.h"

namespace cs::test {

// JSON the test writes itself; a parse error ends the test.
inline Json parse(const std::string& text) {
    auto j = parse_json(text, "test");
    if (!j) qFatal("%s", j.error().message.c_str());
    return *j;
}

// The shard tests' array: 10 x 7 int32, shards 4 x 4 (3 x 2 of them, partial at the edges along
// both axes), inner chunks 2 x 2 (5 x 4), zstd inside. Fill value and index place as defaulted.
inline Zarr3CreateOptions sharded_10x7_int32() {
    Zarr3CreateOptions o;
    o.shape = {10, 7};
    o.chunks = {4, 4};
    o.inner_chunks = Shape{2, 2};
    o.dtype = DType::scalar(ScalarType::I32);
    o.codecs = parse(R"([{"name": "bytes", "configuration": {"endian": "little"}},
                         {"name": "zstd", "configuration": {"level": 1, "checksum": false}}])");
    return o;
}

// Walks every element of chunk `coords` that lies inside the array, calling
// copy(array_offset, chunk_offset, run_length) once per contiguous last-axis run.
template <class F>
void for_each_run(const ChunkGrid& grid, const ChunkCoords& coords, F copy) {
    const std::size_t rank = grid.rank();
    const Shape origin = grid.origin(coords);
    const Shape extent = grid.extent(coords);
    if (rank == 0) {
        copy(0, 0, 1);
        return;
    }
    for (auto e : extent)
        if (e == 0) return;
    std::vector<std::uint64_t> idx(rank, 0);
    for (;;) {
        std::uint64_t a = 0, c = 0;
        for (std::size_t i = 0; i < rank; ++i) {
            a = a * grid.shape[i] + origin[i] + idx[i];
            c = c * grid.chunk_shape[i] + idx[i];
        }
        copy(a, c, extent[rank - 1]);
        std::size_t ax = rank - 1;
        for (;;) {
            if (ax == 0) return;
            --ax;
            if (++idx[ax] < extent[ax]) break;
            idx[ax] = 0;
        }
    }
}

inline Result<Bytes> read_whole(const ChunkedArray& array) {
    const ArrayMeta& m = array.meta();
    const std::size_t item = m.dtype.itemsize;
    Bytes out(m.grid.array_elements() * item);
    for (std::uint64_t i = 0; i < m.grid.num_chunks(); ++i) {
        const ChunkCoords c = m.grid.coords_of(i);
        CS_ASSIGN_OR_RETURN(Bytes chunk, array.read_chunk(c));
        if (chunk.size() != m.chunk_nbytes())
            return fail(ErrorCode::Internal, "chunk of the wrong size");
        for_each_run(m.grid, c, [&](std::uint64_t a, std::uint64_t k, std::uint64_t n) {
            std::memcpy(out.data() + a * item, chunk.data() + k * item, n * item);
        });
    }
    return out;
}

inline Result<void> write_whole(ChunkedArray& array, ByteSpan data) {
    const ArrayMeta& m = array.meta();
    const std::size_t item = m.dtype.itemsize;
    for (std::uint64_t i = 0; i < m.grid.num_chunks(); ++i) {
        const ChunkCoords c = m.grid.coords_of(i);
        Bytes chunk = array.fill_chunk();
        for_each_run(m.grid, c, [&](std::uint64_t a, std::uint64_t k, std::uint64_t n) {
            std::memcpy(chunk.data() + k * item, data.data() + a * item, n * item);
        });
        CS_RETURN_IF_ERROR(array.write_chunk(c, chunk));
    }
    return {};
}

// Forwards to another store and counts the bytes of every get and get_range.
class CountingStore final : public Store {
public:
    explicit CountingStore(std::shared_ptr<Store> inner) : inner_(std::move(inner)) {}
    mutable std::atomic<std::uint64_t> bytes_read{0};
    mutable std::atomic<std::uint64_t> whole_gets{0};

    Result<std::optional<Bytes>> get(std::string_view key) const override {
        auto r = inner_->get(key);
        if (r && *r) {
            bytes_read += (*r)->size();
            if (!key.ends_with("zarr.json")) ++whole_gets;
        }
        return r;
    }
    Result<std::optional<Bytes>> get_range(std::string_view key, std::uint64_t offset,
                                           std::uint64_t length) const override {
        auto r = inner_->get_range(key, offset, length);
        if (r && *r) bytes_read += (*r)->size();
        return r;
    }
    Result<void> set(std::string_view key, ByteSpan value) override {
        return inner_->set(key, value);
    }
    Result<void> erase(std::string_view key) override { return inner_->erase(key); }
    Result<std::vector<std::string>> list_prefix(std::string_view prefix) const override {
        return inner_->list_prefix(prefix);
    }
    Result<std::vector<std::string>> list_dir(std::string_view prefix) const override {
        return inner_->list_dir(prefix);
    }
    Result<std::optional<std::uint64_t>> size(std::string_view key) const override {
        return inner_->size(key);
    }
    std::string type_name() const override { return "CountingStore"; }
    std::string location() const override { return inner_->location(); }

private:
    std::shared_ptr<Store> inner_;
};

}  // namespace cs::test
