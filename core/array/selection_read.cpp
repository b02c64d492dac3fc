// read_selection: visit each chunk that holds a selected element once, and copy its part of the
// selection into the output. The copy finds the longest run of axes that is contiguous in both
// the chunk and the output and moves it with one memcpy, so a whole-chunk copy is one memcpy
// and a partial one is one memcpy per innermost row.
#include <cstring>

#include "core/array/chunked_array.h"
#include "core/array/selection.h"

namespace cs {

namespace {

// The part of one axis' selection that falls into one chunk along that axis.
struct Piece {
    std::uint64_t chunk = 0;        // chunk index along the axis
    std::uint64_t local_start = 0;  // first selected index, relative to the chunk origin
    std::uint64_t out_start = 0;    // its position in the output along the axis
    std::uint64_t count = 0;        // selected indices inside the chunk
};

// Chunks along one axis that hold selected indices; chunks a large step jumps over are skipped.
std::vector<Piece> pieces_along(const AxisSelection& a, std::uint64_t size, std::uint64_t chunk) {
    std::vector<Piece> pieces;
    const std::uint64_t count = a.count();
    std::uint64_t o = 0;
    while (o < count) {
        const std::uint64_t pos = a.start + o * a.step;
        const std::uint64_t c = pos / chunk;
        const std::uint64_t end = std::min(c * chunk + chunk, size);  // one past the chunk
        const std::uint64_t next = std::min(count, (end - a.start + a.step - 1) / a.step);
        pieces.push_back(Piece{c, pos - c * chunk, o, next - o});
        o = next;
    }
    return pieces;
}

template <std::size_t N>
void copy_strided(std::uint8_t* dst, const std::uint8_t* src, std::uint64_t n,
                  std::uint64_t src_step) {
    for (std::uint64_t i = 0; i < n; ++i, dst += N, src += src_step) std::memcpy(dst, src, N);
}

struct CopyPlan {
    std::size_t rank = 0;
    std::size_t item = 0;
    std::vector<std::uint64_t> chunk_stride;  // bytes
    std::vector<std::uint64_t> out_stride;    // bytes
    std::vector<std::uint64_t> step;
    Shape chunk_shape;
    Shape counts;
};

// Copies the selected elements of one chunk (`part[k]` says which, per axis) into `out`.
void copy_chunk_part(const CopyPlan& p, const std::vector<const Piece*>& part,
                     const std::uint8_t* chunk, std::uint8_t* out) {
    const std::size_t rank = p.rank;
    // Axes [inner, rank) form one contiguous run in both buffers; inner == rank when the last
    // axis is strided and elements are copied one by one.
    std::size_t inner = rank;
    std::uint64_t run = 1;
    if (p.step[rank - 1] == 1) {
        inner = rank - 1;
        run = part[rank - 1]->count;
        while (inner > 0) {
            const Piece& q = *part[inner];
            const bool whole =
                q.local_start == 0 && q.count == p.chunk_shape[inner] && q.count == p.counts[inner];
            if (!whole || p.step[inner - 1] != 1) break;
            --inner;
            run *= part[inner]->count;
        }
    }
    const std::size_t outer = inner == rank ? rank - 1 : inner;  // axes walked by the odometer
    const std::uint64_t run_bytes = run * p.item;
    std::uint64_t src = 0, dst = 0;
    for (std::size_t k = 0; k < rank; ++k) {
        src += part[k]->local_start * p.chunk_stride[k];
        dst += part[k]->out_start * p.out_stride[k];
    }
    const std::uint64_t last_count = part[rank - 1]->count;
    const std::uint64_t last_src_step = p.step[rank - 1] * p.chunk_stride[rank - 1];
    std::vector<std::uint64_t> idx(outer, 0);
    while (true) {
        if (inner < rank) {
            // Fixed sizes compile to plain loads and stores: a one-element run (an integer
            // index on the last axis) must not pay for a memcpy call per element.
            switch (run_bytes) {
                case 1:
                    std::memcpy(out + dst, chunk + src, 1);
                    break;
                case 2:
                    std::memcpy(out + dst, chunk + src, 2);
                    break;
                case 4:
                    std::memcpy(out + dst, chunk + src, 4);
                    break;
                case 8:
                    std::memcpy(out + dst, chunk + src, 8);
                    break;
                default:
                    std::memcpy(out + dst, chunk + src, run_bytes);
            }
        } else {
            switch (p.item) {
                case 1:
                    copy_strided<1>(out + dst, chunk + src, last_count, last_src_step);
                    break;
                case 2:
                    copy_strided<2>(out + dst, chunk + src, last_count, last_src_step);
                    break;
                case 4:
                    copy_strided<4>(out + dst, chunk + src, last_count, last_src_step);
                    break;
                case 8:
                    copy_strided<8>(out + dst, chunk + src, last_count, last_src_step);
                    break;
                default:
                    for (std::uint64_t i = 0; i < last_count; ++i) {
                        std::memcpy(out + dst + i * p.item, chunk + src + i * last_src_step,
                                    p.item);
                    }
            }
        }
        // Odometer over the outer axes, keeping both offsets up to date.
        std::size_t k = outer;
        while (k > 0) {
            --k;
            const std::uint64_t src_step = p.step[k] * p.chunk_stride[k];
            if (++idx[k] < part[k]->count) {
                src += src_step;
                dst += p.out_stride[k];
                break;
            }
            src -= (idx[k] - 1) * src_step;
            dst -= (idx[k] - 1) * p.out_stride[k];
            idx[k] = 0;
            if (k == 0) return;
        }
        if (outer == 0) return;
    }
}

Result<void> check_selection(const ChunkedArray& array, const Selection& sel) {
    const Shape& shape = array.meta().shape();
    if (sel.axes.size() != shape.size()) {
        return fail(ErrorCode::InvalidArgument,
                    array.describe() + ": the selection has " + std::to_string(sel.axes.size()) +
                        " axes, the array " + std::to_string(shape.size()));
    }
    for (std::size_t k = 0; k < shape.size(); ++k) {
        const AxisSelection& a = sel.axes[k];
        if (a.step == 0 || a.start > a.stop || a.stop > shape[k]) {
            return fail(ErrorCode::InvalidArgument,
                        array.describe() + ": selection " + to_string(sel) + " is outside axis " +
                            std::to_string(k) + " of size " + std::to_string(shape[k]));
        }
    }
    return {};
}

}  // namespace

Result<Bytes> read_selection(const ChunkedArray& array, const Selection& sel) {
    CS_RETURN_IF_ERROR(check_selection(array, sel));
    const ArrayMeta& m = array.meta();
    const std::size_t rank = m.grid.rank();
    const std::size_t item = m.dtype.itemsize;
    std::uint64_t bytes = item;
    for (auto c : sel.counts()) {
        if (__builtin_mul_overflow(bytes, c, &bytes)) {
            return fail(ErrorCode::InvalidArgument,
                        array.describe() + ": selection " + to_string(sel) + " is too large");
        }
    }
    Bytes out(bytes);
    if (bytes == 0) return out;

    auto read = [&](std::span<const std::uint64_t> coords) -> Result<Bytes> {
        CS_ASSIGN_OR_RETURN(Bytes chunk, array.read_chunk(coords));
        if (chunk.size() != m.chunk_nbytes()) {
            return fail(ErrorCode::Corrupt, array.describe() + ": a chunk decoded to " +
                                                std::to_string(chunk.size()) + " bytes, expected " +
                                                std::to_string(m.chunk_nbytes()));
        }
        return chunk;
    };
    if (rank == 0) {
        CS_ASSIGN_OR_RETURN(Bytes chunk, read({}));
        std::memcpy(out.data(), chunk.data(), item);
        return out;
    }

    CopyPlan plan;
    plan.rank = rank;
    plan.item = item;
    plan.chunk_shape = m.chunk_shape();
    plan.counts = sel.counts();
    plan.chunk_stride.assign(rank, item);
    plan.out_stride.assign(rank, item);
    for (std::size_t k = rank - 1; k > 0; --k) {
        plan.chunk_stride[k - 1] = plan.chunk_stride[k] * plan.chunk_shape[k];
        plan.out_stride[k - 1] = plan.out_stride[k] * plan.counts[k];
    }
    std::vector<std::vector<Piece>> pieces(rank);
    for (std::size_t k = 0; k < rank; ++k) {
        plan.step.push_back(sel.axes[k].step);
        pieces[k] = pieces_along(sel.axes[k], m.shape()[k], plan.chunk_shape[k]);
    }

    // Every combination of pieces is one chunk to read, in C order of chunk coordinates.
    std::vector<std::size_t> which(rank, 0);
    std::vector<const Piece*> part(rank);
    ChunkCoords coords(rank);
    while (true) {
        for (std::size_t k = 0; k < rank; ++k) {
            part[k] = &pieces[k][which[k]];
            coords[k] = part[k]->chunk;
        }
        CS_ASSIGN_OR_RETURN(Bytes chunk, read(coords));
        copy_chunk_part(plan, part, chunk.data(), out.data());
        std::size_t k = rank;
        while (k > 0 && ++which[k - 1] == pieces[k - 1].size()) which[--k] = 0;
        if (k == 0) break;
    }
    return out;
}

}  // namespace cs
