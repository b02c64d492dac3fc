// The regular grid of chunks over an array. Edge chunks are stored at full chunk size (as Zarr
// and HDF5 both do); extent() gives the part of a chunk that lies inside the array.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace cs {

using Shape = std::vector<std::uint64_t>;
using ChunkCoords = std::vector<std::uint64_t>;

struct ChunkGrid {
    Shape shape;        // array shape
    Shape chunk_shape;  // same rank as shape; every entry >= 1

    std::size_t rank() const { return shape.size(); }

    // Chunks along each axis: ceil(shape / chunk_shape); 0 for a zero-length axis.
    Shape grid_shape() const {
        Shape g(rank());
        for (std::size_t i = 0; i < rank(); ++i)
            g[i] = (shape[i] + chunk_shape[i] - 1) / chunk_shape[i];
        return g;
    }
    // Total chunk count; a 0-d array has exactly one chunk.
    std::uint64_t num_chunks() const {
        std::uint64_t n = 1;
        for (auto g : grid_shape()) n *= g;
        return n;
    }
    std::uint64_t chunk_elements() const {
        std::uint64_t n = 1;
        for (auto c : chunk_shape) n *= c;
        return n;
    }
    std::uint64_t array_elements() const {
        std::uint64_t n = 1;
        for (auto s : shape) n *= s;
        return n;
    }
    // Whether `coords` names a chunk of the grid: the grid's rank, inside it along every axis.
    bool contains(std::span<const std::uint64_t> coords) const {
        const Shape g = grid_shape();
        if (coords.size() != g.size()) return false;
        for (std::size_t i = 0; i < g.size(); ++i)
            if (coords[i] >= g[i]) return false;
        return true;
    }
    // First element of chunk `coords` along each axis.
    Shape origin(std::span<const std::uint64_t> coords) const {
        Shape o(rank());
        for (std::size_t i = 0; i < rank(); ++i) o[i] = coords[i] * chunk_shape[i];
        return o;
    }
    // Elements of chunk `coords` that lie inside the array along each axis.
    Shape extent(std::span<const std::uint64_t> coords) const {
        Shape e(rank());
        for (std::size_t i = 0; i < rank(); ++i) {
            const std::uint64_t start = coords[i] * chunk_shape[i];
            e[i] = shape[i] > start ? std::min(chunk_shape[i], shape[i] - start) : 0;
        }
        return e;
    }
    // C-order (last axis fastest) numbering of chunks.
    ChunkCoords coords_of(std::uint64_t linear) const {
        const Shape g = grid_shape();
        ChunkCoords c(rank());
        for (std::size_t i = rank(); i-- > 0;) {
            c[i] = g[i] ? linear % g[i] : 0;
            linear = g[i] ? linear / g[i] : 0;
        }
        return c;
    }
    std::uint64_t linear_of(std::span<const std::uint64_t> coords) const {
        const Shape g = grid_shape();
        std::uint64_t n = 0;
        for (std::size_t i = 0; i < rank(); ++i) n = n * g[i] + coords[i];
        return n;
    }
};

}  // namespace cs
