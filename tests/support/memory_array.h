// MemoryArray: a ChunkedArray test double over a plain C-order buffer. Any shape, chunk shape and
// dtype; chunks can be marked missing (they read as the fill value); no codec, so the stored bytes
// of a chunk are its elements over the full chunk shape, edge chunks padded with the fill value.
// It is writable (encode is the identity), so engine copy tests can use it as a target, and it
// records which chunks were read, so tests can check that only the needed chunks were visited.
//
//     auto a = cs_test::MemoryArray::iota({10, 7}, {4, 3}, cs::DType::scalar(cs::ScalarType::I32));
//     a->set_missing({1, 2});
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/array/chunked_array.h"

namespace cs_test {

class MemoryArray final : public cs::ChunkedArray {
public:
    // `data` holds the whole array in C order (product(shape) * itemsize bytes).
    MemoryArray(cs::Shape shape, cs::Shape chunk_shape, cs::DType dtype, cs::Bytes data,
                std::optional<cs::Bytes> fill_value = std::nullopt,
                std::string name = "memory-array")
        : data_(std::move(data)), name_(std::move(name)) {
        meta_.grid = cs::ChunkGrid{std::move(shape), std::move(chunk_shape)};
        meta_.dtype = std::move(dtype);
        meta_.fill_value = std::move(fill_value);
    }

    // Element i (C order) holds i as a little-endian integer truncated to the item size, so
    // every element of a small array is distinct and easy to predict.
    static std::unique_ptr<MemoryArray> iota(cs::Shape shape, cs::Shape chunk_shape,
                                             cs::DType dtype,
                                             std::optional<cs::Bytes> fill_value = std::nullopt) {
        const std::size_t item = dtype.itemsize;
        std::uint64_t n = 1;
        for (auto s : shape) n *= s;
        cs::Bytes data(n * item);
        for (std::uint64_t i = 0; i < n; ++i)
            for (std::size_t b = 0; b < item; ++b)
                data[i * item + b] = b < 8 ? std::uint8_t(i >> (8 * b)) : 0;
        return std::make_unique<MemoryArray>(std::move(shape), std::move(chunk_shape),
                                             std::move(dtype), std::move(data),
                                             std::move(fill_value));
    }

    // A missing chunk reads as nullopt from read_stored_chunk, so read_chunk gives the fill.
    void set_missing(const cs::ChunkCoords& coords) {
        std::lock_guard lock(mutex_);
        missing_.insert(coords);
    }
    // Chunks read through read_stored_chunk, in order, since the last clear_reads().
    std::vector<cs::ChunkCoords> reads() const {
        std::lock_guard lock(mutex_);
        return reads_;
    }
    void clear_reads() {
        std::lock_guard lock(mutex_);
        reads_.clear();
    }
    // The whole array, C order, as last written (missing chunks still hold their old bytes).
    const cs::Bytes& data() const { return data_; }

    const cs::ArrayMeta& meta() const override { return meta_; }
    std::string describe() const override { return name_; }
    std::vector<cs::InfoField> info() const override {
        return {{"Type", "MemoryArray"}, {"Data type", meta_.dtype.display_name()}};
    }

    cs::Result<std::optional<cs::Bytes>> read_stored_chunk(std::span<const std::uint64_t> coords,
                                                           cs::ReadStats* stats) const override {
        CS_RETURN_IF_ERROR(check_coords(coords));
        const cs::ChunkCoords key(coords.begin(), coords.end());
        {
            std::lock_guard lock(mutex_);
            reads_.push_back(key);
            if (missing_.count(key)) return std::optional<cs::Bytes>();
        }
        cs::Bytes chunk = fill_chunk();
        copy_region(coords, chunk.data(), /*to_chunk=*/true);
        if (stats) stats->stored_bytes += chunk.size();
        return std::optional<cs::Bytes>(std::move(chunk));
    }

    cs::Result<cs::Bytes> decode_chunk(std::span<const std::uint64_t> coords,
                                       cs::Bytes stored) const override {
        CS_RETURN_IF_ERROR(check_coords(coords));
        if (stored.size() != meta_.chunk_nbytes()) {
            return cs::fail(cs::ErrorCode::Corrupt,
                            name_ + ": chunk holds " + std::to_string(stored.size()) +
                                " bytes, expected " + std::to_string(meta_.chunk_nbytes()));
        }
        return stored;
    }

    cs::Result<std::vector<cs::ChunkStorage>> chunk_storage() const override {
        std::vector<cs::ChunkStorage> out;
        const std::uint64_t n = meta_.grid.num_chunks();
        if (meta_.grid.array_elements() == 0 && meta_.grid.rank() > 0) return out;
        std::lock_guard lock(mutex_);
        for (std::uint64_t i = 0; i < n; ++i) {
            cs::ChunkStorage s;
            s.coords = meta_.grid.coords_of(i);
            s.present = !missing_.count(s.coords);
            s.stored_bytes = s.present ? meta_.chunk_nbytes() : 0;
            out.push_back(std::move(s));
        }
        return out;
    }

    bool writable() const override { return true; }
    cs::Result<cs::Bytes> encode_chunk(std::span<const std::uint64_t> coords,
                                       cs::ByteSpan elements) const override {
        CS_RETURN_IF_ERROR(check_coords(coords));
        return cs::Bytes(elements.begin(), elements.end());
    }
    // Chunks cover disjoint parts of the buffer, so different chunks may be written at once.
    cs::Result<void> write_stored_chunk(std::span<const std::uint64_t> coords,
                                        cs::ByteSpan stored) override {
        CS_RETURN_IF_ERROR(check_coords(coords));
        if (stored.size() != meta_.chunk_nbytes()) {
            return cs::fail(cs::ErrorCode::InvalidArgument,
                            name_ + ": writing a chunk of " + std::to_string(stored.size()) +
                                " bytes, expected " + std::to_string(meta_.chunk_nbytes()));
        }
        copy_region(coords, const_cast<std::uint8_t*>(stored.data()), /*to_chunk=*/false);
        std::lock_guard lock(mutex_);
        missing_.erase(cs::ChunkCoords(coords.begin(), coords.end()));
        return {};
    }

private:
    cs::Result<void> check_coords(std::span<const std::uint64_t> coords) const {
        const cs::Shape grid = meta_.grid.grid_shape();
        bool ok = coords.size() == grid.size();
        for (std::size_t i = 0; ok && i < coords.size(); ++i) ok = coords[i] < grid[i];
        if (!ok) return cs::fail(cs::ErrorCode::InvalidArgument, name_ + ": no such chunk");
        return {};
    }

    // Copies the part of chunk `coords` inside the array between data_ and a full-chunk buffer,
    // one innermost row at a time (a test double: clear beats fast).
    void copy_region(std::span<const std::uint64_t> coords, std::uint8_t* chunk,
                     bool to_chunk) const {
        const cs::ChunkGrid& g = meta_.grid;
        const std::size_t rank = g.rank();
        const std::size_t item = meta_.dtype.itemsize;
        auto* data = const_cast<std::uint8_t*>(data_.data());
        if (rank == 0) {
            if (to_chunk) {
                std::memcpy(chunk, data, item);
            } else {
                std::memcpy(data, chunk, item);
            }
            return;
        }
        const cs::Shape origin = g.origin(coords);
        const cs::Shape extent = g.extent(coords);
        for (auto e : extent)
            if (e == 0) return;
        // Trailing axes that the chunk spans whole in both buffers join the copied row, so a
        // (6553, 200, 2) chunk is one memcpy rather than 1.3 million.
        std::size_t inner = rank - 1;
        std::uint64_t row_elems = extent[rank - 1];
        while (inner > 0 && extent[inner] == g.shape[inner] &&
               extent[inner] == g.chunk_shape[inner]) {
            --inner;
            row_elems *= extent[inner];
        }
        const std::size_t row = row_elems * item;
        cs::Shape idx(rank, 0);  // position inside the chunk; axes >= inner stay 0
        while (true) {
            std::uint64_t a = 0, c = 0;
            for (std::size_t k = 0; k < rank; ++k) {
                a = a * g.shape[k] + origin[k] + idx[k];
                c = c * g.chunk_shape[k] + idx[k];
            }
            if (to_chunk) {
                std::memcpy(chunk + c * item, data + a * item, row);
            } else {
                std::memcpy(data + a * item, chunk + c * item, row);
            }
            std::size_t k = inner;
            while (k-- > 0) {
                if (++idx[k] < extent[k]) break;
                idx[k] = 0;
            }
            if (k == std::size_t(-1)) return;
        }
    }

    cs::ArrayMeta meta_;
    cs::Bytes data_;
    std::string name_;
    mutable std::mutex mutex_;
    std::set<cs::ChunkCoords> missing_;
    mutable std::vector<cs::ChunkCoords> reads_;
};

}  // namespace cs_test
