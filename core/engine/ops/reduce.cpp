#include "core/engine/ops/reduce.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include "core/engine/ops/reduce_kernels.h"
#include "core/engine/task_context.h"

namespace cs::engine {

namespace {
constexpr const char* kOpNames[] = {"sum", "mean", "min", "max", "var", "std", "count", "bincount"};
}

const char* reduce_op_name(ReduceOp op) {
    return kOpNames[static_cast<int>(op)];
}

std::optional<ReduceOp> reduce_op_from_name(const std::string& name) {
    for (int i = 0; i < 8; ++i)
        if (name == kOpNames[i]) return static_cast<ReduceOp>(i);
    return std::nullopt;
}

void merge_moments(Partial& into, const Partial& from) {
    if (from.n == 0) return;
    if (into.n == 0) {
        into.d = from.d;
        into.m2 = from.m2;
        into.n = from.n;
        return;
    }
    const double na = static_cast<double>(into.n), nb = static_cast<double>(from.n);
    const double n = na + nb;
    for (std::size_t k = 0; k < into.d.size(); ++k) {
        const double delta = from.d[k] - into.d[k];
        into.d[k] += delta * nb / n;
        into.m2[k] += from.m2[k] + delta * delta * na * nb / n;
    }
    into.n += from.n;
}

ScalarType reduce_result_type(ReduceOp op, ScalarType in) {
    const bool is_float = in == ScalarType::F16 || in == ScalarType::F32 || in == ScalarType::F64;
    const bool is_unsigned = in == ScalarType::U8 || in == ScalarType::U16 ||
                             in == ScalarType::U32 || in == ScalarType::U64;
    switch (op) {
        case ReduceOp::Sum:
            return is_float ? in : (is_unsigned ? ScalarType::U64 : ScalarType::I64);
        case ReduceOp::Mean:
        case ReduceOp::Var:
        case ReduceOp::Std:
            return is_float ? in : ScalarType::F64;
        case ReduceOp::Min:
        case ReduceOp::Max:
            return in;
        case ReduceOp::Count:
        case ReduceOp::Bincount:
            return ScalarType::I64;
    }
    return ScalarType::F64;
}

namespace {

// Result elements of one finished block, in the result dtype (counts are placed from the partial
// as they are, see place_block()).
template <class T>
Bytes finalize_block(ReduceOp op, ScalarType in, const Partial& p, std::size_t elements,
                     std::uint32_t bins) {
    using Acc = AccumulatorOf<T>;
    const ScalarType out_type = reduce_result_type(op, in);
    const std::size_t count = op == ReduceOp::Bincount ? elements * bins : elements;
    Bytes out(count * scalar_size(out_type));
    std::uint8_t* o = out.data();
    auto put_float = [&](std::size_t k, double v) {
        // A float result has the input's float type (or float64 for integer inputs).
        switch (out_type) {
            case ScalarType::F16:
                store_from_double<Half>(o, k, v);
                break;
            case ScalarType::F32:
                store_from_double<float>(o, k, v);
                break;
            default:
                store_from_double<double>(o, k, v);
                break;
        }
    };
    const auto& acc = acc_vector<Acc>(p);
    for (std::size_t k = 0; k < count; ++k) {
        switch (op) {
            case ReduceOp::Sum:
                if constexpr (std::is_same_v<Acc, double>)
                    put_float(k, acc[k]);
                else
                    std::memcpy(o + k * 8, &acc[k], 8);
                break;
            case ReduceOp::Mean:
                put_float(k, static_cast<double>(acc[k]) / static_cast<double>(p.n));
                break;
            case ReduceOp::Min:
            case ReduceOp::Max:
                if constexpr (std::is_same_v<T, Half>) {
                    store_from_double<Half>(o, k, acc[k]);
                } else {
                    const T v = static_cast<T>(acc[k]);
                    std::memcpy(o + k * sizeof(T), &v, sizeof(T));
                }
                break;
            case ReduceOp::Var:
            case ReduceOp::Std: {
                const double var = p.n ? p.m2[k] / static_cast<double>(p.n) : std::nan("");
                put_float(k, op == ReduceOp::Std ? std::sqrt(var) : var);
                break;
            }
            case ReduceOp::Count:
            case ReduceOp::Bincount:
                std::memcpy(o + k * 8, &p.i[k], 8);
                break;
        }
    }
    return out;
}

// Everything the tasks of one reduction share.
struct ReduceState {
    ChunkSource source;
    ReduceSpec spec;
    std::vector<std::size_t> kept;  // axes that stay, in order
    Shape out_shape;                // kept extents (without the bins axis)
    std::vector<Partial> partials;  // one per task id
    // Per task id: the block (linear index) it is the root of, or kNotARoot. One vector
    // lookup per leaf and combine, not a map search.
    static constexpr std::uint64_t kNotARoot = ~std::uint64_t{0};
    std::vector<std::uint64_t> block_of_root;
    std::size_t roots = 0;            // blocks with a root: every block, unless there are no chunks
    std::vector<Shape> block_coords;  // per block: its kept chunk coords
    std::function<Result<void>(const ReduceResult&)> sink;
    std::shared_ptr<ReduceResult> result;

    // Partials merged into their parent come back here for the next leaf, so a leaf reuses
    // memory that is already mapped: a bincount of (6553, 10, 2) HDF5 chunks has 210 KB
    // partials, larger than the chunk, and fresh ones cost a page fault per 4 KB.
    std::mutex spare_mutex;
    std::vector<Partial> spare;
    static constexpr std::size_t kMaxSpare = 32;

    Partial take_spare() {
        std::lock_guard lock(spare_mutex);
        if (spare.empty()) return {};
        Partial p = std::move(spare.back());
        spare.pop_back();
        return p;
    }
    void give_back(Partial&& p) {
        p.n = 0;
        std::lock_guard lock(spare_mutex);
        if (spare.size() < kMaxSpare) spare.push_back(std::move(p));
    }
};

// Extents of chunk `coords` along the kept axes.
Shape block_extent(const ReduceState& s, std::span<const std::uint64_t> coords) {
    const Shape e = s.source.grid.extent(coords);
    Shape b;
    for (auto a : s.kept) b.push_back(e[a]);
    return b;
}

std::size_t product(const Shape& s) {
    std::size_t n = 1;
    for (auto v : s) n *= v;
    return n;
}

void place_if_root(ReduceState& s, std::uint64_t id);

// Where a chunk's values go: its rows (see RowLayout) and the block's output elements.
struct ChunkFold {
    RowLayout layout;
    std::size_t elements = 0;       // output elements of the block
    std::uint64_t per_element = 0;  // this chunk's values per output element
};

ChunkFold chunk_fold(const ReduceState& s, std::span<const std::uint64_t> coords) {
    const ChunkGrid& g = s.source.grid;
    const Shape extent = g.extent(coords);
    const Shape block = block_extent(s, coords);
    // Output strides of each chunk axis inside the block (0 for reduced axes).
    std::vector<std::uint64_t> out_stride(g.rank(), 0);
    std::uint64_t stride = 1;
    for (std::size_t k = s.kept.size(); k-- > 0;) {
        out_stride[s.kept[k]] = stride;
        stride *= block[k];
    }
    ChunkFold f;
    f.layout = RowLayout::make(g.chunk_shape, extent, out_stride);
    f.elements = product(block);
    f.per_element = f.elements ? product(extent) / f.elements : 0;
    return f;
}

// Folds one chunk into the leaf's partial `p`: the first chunk of a leaf starts the partial,
// the others add to it.
void fold_leaf_chunk(ReduceState& s, Partial& p, const Bytes& values, const ChunkFold& f,
                     bool first) {
    dispatch_scalar(s.source.type, [&](auto t) {
        using T = decltype(t);
        if (s.spec.op == ReduceOp::Bincount) {
            // Each block element gets exactly one row of this chunk: the first chunk's counts
            // are written, not added, and the partial (most often a reused one) needs no zero
            // fill.
            if (first) p.i.resize(f.elements * s.spec.bins);
            if (count_bincount_rows<T>(values.data(), f.layout, p, s.spec.bins, f.elements,
                                       first)) {
                p.n = first ? f.per_element : p.n + f.per_element;
                return;
            }
        }
        if (first) init_partial<T>(s.spec.op, f.elements, s.spec.bins, p);
        fold_chunk<T>(s.spec.op, values.data(), f.layout, p, s.spec.bins, s.source.fill_value,
                      f.per_element);
    });
}

// Rows up to this long are folded while their chunk decodes; a longer row (a 1-D chunk is one
// row) waits for the whole chunk.
constexpr std::uint64_t kMaxRowBytesInPieces = 256 << 10;

// Whether a chunk laid out as `f` can be folded piece by piece: a one-pass fold (var and std
// take two passes over the chunk) over rows along one outer axis.
bool can_fold_in_pieces(const ReduceState& s, const ChunkFold& f) {
    if (s.spec.op == ReduceOp::Var || s.spec.op == ReduceOp::Std) return false;
    return f.layout.extent.size() == 2 &&
           f.layout.row_length() * scalar_size(s.source.type) <= kMaxRowBytesInPieces;
}

constexpr std::size_t kMaxKeptWindow = std::size_t{4} << 20;

// fold_leaf_chunk() for a chunk decoded piece by piece (a blosc block of 128 KB at a time):
// the rows each piece completes are folded at once, while they are still in the core's cache,
// and no buffer the size of the chunk is ever written. The window holds the decoded bytes from
// the first row not yet folded; a row cut by a piece's end waits there for the next piece.
Result<void> fold_leaf_chunk_in_pieces(ReduceState& s, Partial& p, ChunkPieces& pieces,
                                       const ChunkFold& f, bool first, TaskContext& ctx) {
    const std::size_t item = scalar_size(s.source.type);
    const RowLayout& layout = f.layout;
    const std::uint64_t rows = layout.extent[0];
    const std::uint64_t row_bytes = layout.row_length() * item;
    const std::uint64_t row_step = layout.in_stride[0] * item;  // from one row's start to the next
    // The allele count's case: one-byte integers (bincount takes no floats), each row counted
    // into its own output element by the row kernel.
    const bool kernel = s.spec.op == ReduceOp::Bincount && item == 1 &&
                        rows_count_in_order(layout, s.spec.bins, f.elements);
    if (first) {
        if (kernel)
            p.i.resize(f.elements * s.spec.bins);  // every row is written over
        else
            dispatch_scalar(s.source.type, [&](auto t) {
                init_partial<decltype(t)>(s.spec.op, f.elements, s.spec.bins, p);
            });
    }
    // One window per worker, kept from chunk to chunk so its pages stay mapped and cached; one
    // grown past kMaxKeptWindow (a frame of few, large blocks) is let go after its chunk.
    thread_local Bytes window;
    window.resize(pieces.max_piece() + row_bytes);
    struct Trim {
        ~Trim() {
            if (window.capacity() > kMaxKeptWindow) Bytes().swap(window);
        }
    } trim;
    trace::TaskTimer& timer = ctx.timer();
    const std::int64_t start = timer.last();
    std::int64_t decode_ns = 0, compute_ns = 0, t = start;
    std::uint64_t window_begin = 0, window_size = 0, row = 0;  // window: chunk bytes from begin
    while (row < rows) {
        const std::int64_t computed_before = pieces.compute_ns();
        CS_ASSIGN_OR_RETURN(const std::size_t n, pieces.next(window.data() + window_size));
        const std::int64_t decoded = timer.now();
        const std::int64_t computed = pieces.compute_ns() - computed_before;
        decode_ns += decoded - t - computed;
        compute_ns += computed;
        if (n == 0)
            return fail(ErrorCode::Internal, s.source.name + ": a chunk ended before its rows");
        window_size += n;
        const std::uint64_t window_end = window_begin + window_size;
        // Rows [row, done) end inside the window.
        const std::uint64_t done =
            window_end < row_bytes ? row : std::min(rows, (window_end - row_bytes) / row_step + 1);
        if (done > row) {
            const std::uint8_t* data = window.data() + (row * row_step - window_begin);
            if (kernel) {
                count_small_bins_rows(reinterpret_cast<const std::int8_t*>(data), done - row,
                                      layout.row_length(), layout.in_stride[0],
                                      p.i.data() + row * s.spec.bins, s.spec.bins, first);
            } else {
                RowLayout slice = layout;
                slice.extent[0] = done - row;
                slice.out_origin = row * layout.out_stride[0];
                dispatch_scalar(s.source.type, [&](auto v) {
                    fold_chunk<decltype(v)>(s.spec.op, data, slice, p, s.spec.bins,
                                            s.source.fill_value, 0);
                });
            }
            row = done;
        }
        // Keep the bytes from the next row's start (none when it starts past the window).
        const std::uint64_t keep = row < rows ? std::min(row * row_step, window_end) : window_end;
        std::memmove(window.data(), window.data() + (keep - window_begin), window_end - keep);
        window_begin = keep;
        window_size = window_end - keep;
        t = timer.now();
        compute_ns += t - decoded;
    }
    p.n = first ? f.per_element : p.n + f.per_element;
    // One span each, end to end: the pieces alternate too often to show one by one.
    timer.add_phase(trace::Phase::Decode, start, decode_ns);
    timer.add_phase(trace::Phase::Compute, start + decode_ns, compute_ns);
    return {};
}

// A leaf: reduces its chunks (one or more of the same output block) into one partial.
Result<void> run_leaf(ReduceState& s, std::uint64_t id, TaskContext& ctx,
                      const std::vector<ChunkCoords>& chunks) {
    Partial& p = s.partials[id];
    p = s.take_spare();
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        const ChunkFold f = chunk_fold(s, chunks[k]);
        const bool first = k == 0;
        // The chunk's piece decoder, or its values whole.
        std::unique_ptr<ChunkPieces> pieces;
        Bytes values;
        if (s.source.values_in_pieces && can_fold_in_pieces(s, f)) {
            CS_ASSIGN_OR_RETURN(pieces, s.source.values_in_pieces(ctx, chunks[k], &values));
        } else {
            CS_ASSIGN_OR_RETURN(values, s.source.values(ctx, chunks[k]));
        }
        if (pieces) {
            CS_RETURN_IF_ERROR(fold_leaf_chunk_in_pieces(s, p, *pieces, f, first, ctx));
        } else {
            auto compute = ctx.phase_from_last(trace::Phase::Compute);
            fold_leaf_chunk(s, p, values, f, first);
        }
    }
    if (s.block_of_root[id] != ReduceState::kNotARoot) {
        // Writing the block into the result is compute, as in a combine task: a leaf that takes
        // a whole block (chunks per task auto) showed it as a tail in no phase.
        auto compute = ctx.phase(trace::Phase::Compute);
        place_if_root(s, id);
    }
    return {};
}

Result<void> run_combine(ReduceState& s, std::uint64_t id, const std::vector<std::uint64_t>& kids) {
    Partial merged = std::move(s.partials[kids[0]]);
    for (std::size_t k = 1; k < kids.size(); ++k) {
        dispatch_scalar(s.source.type, [&](auto t) {
            merge_partials<decltype(t)>(s.spec.op, merged, s.partials[kids[k]]);
        });
        s.give_back(std::move(s.partials[kids[k]]));
        s.partials[kids[k]] = Partial{};
    }
    s.partials[id] = std::move(merged);
    place_if_root(s, id);
    return {};
}

// The element strides of the kept axes in the result (the bins axis last, stride 1).
std::vector<std::uint64_t> result_strides(const ReduceState& s, std::uint32_t bins) {
    std::vector<std::uint64_t> gstride(s.kept.size() + 1, 1);
    std::uint64_t st = bins;
    for (std::size_t k = s.kept.size(); k-- > 0;) {
        gstride[k] = st;
        st *= s.out_shape[k];
    }
    return gstride;
}

// Writes a finished block's values into the result at the block's origin. Runs in the block's
// root task, on whichever worker finishes it: blocks land while other blocks are still being
// reduced, and the finalize task is left with nothing to copy (copying 16 MB of bincount
// counts there, into fresh pages, was 5 to 36 ms with the other core idle).
void place_block(ReduceState& s, std::uint64_t block, std::uint64_t root) {
    const std::uint32_t bins = s.spec.op == ReduceOp::Bincount ? s.spec.bins : 1;
    const std::size_t item = scalar_size(reduce_result_type(s.spec.op, s.source.type));
    const std::vector<std::uint64_t> gstride = result_strides(s, bins);
    const Shape& kc = s.block_coords[block];
    Shape bshape;
    std::uint64_t base = 0;
    for (std::size_t k = 0; k < s.kept.size(); ++k) {
        const std::uint64_t cs = s.source.grid.chunk_shape[s.kept[k]];
        const std::uint64_t o = kc[k] * cs;
        bshape.push_back(std::min(cs, s.out_shape[k] - o));
        base += o * gstride[k];
    }
    const std::size_t elements = product(bshape);
    // Counts are the result as they are: placed straight from the partial, without a copy of
    // the block in between.
    Partial& partial = s.partials[root];
    const bool counts = s.spec.op == ReduceOp::Count || s.spec.op == ReduceOp::Bincount;
    Bytes finalized;
    if (!counts) {
        dispatch_scalar(s.source.type, [&](auto t) {
            finalized =
                finalize_block<decltype(t)>(s.spec.op, s.source.type, partial, elements, bins);
        });
    }
    const std::uint8_t* values =
        counts ? reinterpret_cast<const std::uint8_t*>(partial.i.data()) : finalized.data();
    std::uint8_t* out = s.result->data.data();
    Shape with_bins = bshape;
    with_bins.push_back(bins);
    const RowLayout layout = RowLayout::make(with_bins, with_bins, gstride);
    const std::uint64_t len = layout.row_length(), os = layout.row_out_stride();
    layout.for_each_row([&](std::uint64_t in, std::uint64_t o) {
        if (os == 1) {  // a contiguous row: one copy (a memcpy call per element took 20 ms)
            std::memcpy(out + (base + o) * item, values + in * item, len * item);
            return;
        }
        for (std::uint64_t j = 0; j < len; ++j)
            std::memcpy(out + (base + o + j * os) * item, values + (in + j) * item, item);
    });
    s.give_back(std::move(partial));
    partial = Partial{};
}

// After a leaf or combine task: a block's root places the block in the result.
void place_if_root(ReduceState& s, std::uint64_t id) {
    const std::uint64_t block = s.block_of_root[id];
    if (block != ReduceState::kNotARoot) place_block(s, block, id);
}

Result<void> run_finalize(ReduceState& s, TaskContext& ctx) {
    // Every block of a non-empty result has a root that placed it, so the result needs filling
    // only when it has no blocks (a reduction over a zero-length axis): numpy's zeros for sums
    // and counts, NaN for the moments.
    const Shape grid_shape = s.source.grid.grid_shape();
    std::uint64_t blocks = 1;
    for (auto a : s.kept) blocks *= grid_shape[a];
    if (s.roots != blocks) {
        auto compute = ctx.phase(trace::Phase::Compute);
        Bytes& data = s.result->data;
        std::fill(data.begin(), data.end(), std::uint8_t{0});
        const ReduceOp op = s.spec.op;
        if (op == ReduceOp::Mean || op == ReduceOp::Var || op == ReduceOp::Std) {
            const ScalarType out_type = reduce_result_type(op, s.source.type);
            const double nan = std::nan("");
            for (std::size_t k = 0; k < data.size() / scalar_size(out_type); ++k) {
                if (out_type == ScalarType::F16)
                    store_from_double<Half>(data.data(), k, nan);
                else if (out_type == ScalarType::F32)
                    store_from_double<float>(data.data(), k, nan);
                else
                    store_from_double<double>(data.data(), k, nan);
            }
        }
    }
    if (s.sink) {
        auto write = ctx.phase(trace::Phase::Write);
        CS_RETURN_IF_ERROR(s.sink(*s.result));
    }
    return {};
}

}  // namespace

Result<ReducePlan> plan_reduce(ChunkSource source, const ReduceSpec& spec,
                               std::function<Result<void>(const ReduceResult&)> sink) {
    const ChunkGrid grid = source.grid;
    const std::size_t rank = grid.rank();
    const std::string what = std::string(reduce_op_name(spec.op)) + "(" + source.name + ")";
    if (source.type == ScalarType::C64 || source.type == ScalarType::C128)
        return fail(ErrorCode::Unsupported, what + ": complex values cannot be reduced");
    const bool is_float = source.type == ScalarType::F16 || source.type == ScalarType::F32 ||
                          source.type == ScalarType::F64;
    if (spec.op == ReduceOp::Bincount && is_float)
        return fail(ErrorCode::InvalidArgument,
                    what + ": bincount needs integer values, got " + scalar_name(source.type));
    if (spec.op == ReduceOp::Bincount && (spec.bins == 0 || spec.bins > (1u << 24)))
        return fail(
            ErrorCode::InvalidArgument,
            what + ": bincount needs 1 <= n <= 16777216 bins, got " + std::to_string(spec.bins));
    if (spec.fan_in < 2)
        return fail(ErrorCode::InvalidArgument, what + ": fan-in must be at least 2");
    std::vector<bool> reduced(rank, !spec.axes.has_value());
    if (spec.axes) {
        for (std::int64_t a : *spec.axes) {
            const std::int64_t axis = a < 0 ? a + static_cast<std::int64_t>(rank) : a;
            if (axis < 0 || axis >= static_cast<std::int64_t>(rank))
                return fail(ErrorCode::InvalidArgument, what + ": axis " + std::to_string(a) +
                                                            " is out of range for rank " +
                                                            std::to_string(rank));
            if (reduced[axis])
                return fail(ErrorCode::InvalidArgument,
                            what + ": axis " + std::to_string(a) + " is repeated");
            reduced[axis] = true;
        }
    }
    auto state = std::make_shared<ReduceState>();
    state->spec = spec;
    state->sink = std::move(sink);
    state->result = std::make_shared<ReduceResult>();
    for (std::size_t a = 0; a < rank; ++a) {
        if (!reduced[a]) {
            state->kept.push_back(a);
            state->out_shape.push_back(grid.shape[a]);
        }
    }
    std::uint64_t reduced_count = 1;
    for (std::size_t a = 0; a < rank; ++a)
        if (reduced[a]) reduced_count *= grid.shape[a];
    if (reduced_count == 0 && (spec.op == ReduceOp::Min || spec.op == ReduceOp::Max))
        return fail(ErrorCode::InvalidArgument,
                    what + ": zero-size reduction has no identity for min/max");

    auto plan = std::make_shared<Plan>();
    plan->description = what;
    // Group the chunks by their output block (their coordinates on the kept axes), in C order
    // within each block.
    const Shape gshape = grid.grid_shape();
    std::map<std::uint64_t, std::vector<ChunkCoords>> block_chunks;
    const std::uint64_t nchunks = grid.array_elements() == 0 ? 0 : grid.num_chunks();
    for (std::uint64_t c = 0; c < nchunks; ++c) {
        ChunkCoords coords = grid.coords_of(c);
        std::uint64_t block = 0;
        Shape kc;
        for (auto a : state->kept) {
            block = block * gshape[a] + coords[a];
            kc.push_back(coords[a]);
        }
        if (state->block_coords.size() <= block) state->block_coords.resize(block + 1);
        state->block_coords[block] = kc;
        block_chunks[block].push_back(std::move(coords));
    }
    // One leaf task per `chunks_per_leaf` chunks of a block, block after block.
    std::size_t per_leaf = spec.chunks_per_leaf;
    if (per_leaf == kAutoChunksPerLeaf) {
        std::size_t largest_block = 0;
        for (const auto& [block, chunks] : block_chunks)
            largest_block = std::max(largest_block, chunks.size());
        per_leaf = choose_chunks_per_leaf({largest_block, block_chunks.size(),
                                           grid.chunk_elements() * scalar_size(source.type),
                                           spec.threads});
    }
    std::map<std::uint64_t, std::vector<std::uint64_t>> block_leaves;
    for (const auto& [block, chunks] : block_chunks) {
        for (std::size_t i = 0; i < chunks.size(); i += per_leaf) {
            std::vector<ChunkCoords> group(chunks.begin() + static_cast<std::ptrdiff_t>(i),
                                           chunks.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                                chunks.size(), i + per_leaf)));
            std::string label = std::string(reduce_op_name(spec.op)) + " " + coords_label(group[0]);
            if (group.size() > 1) label += " +" + std::to_string(group.size() - 1) + " chunks";
            ReduceState* s = state.get();
            const std::uint64_t id = plan->size();  // the id add_task() is about to give
            const ChunkCoords first = group[0];
            const std::vector<ChunkCoords> more(group.begin() + 1, group.end());
            plan->add_task(source.leaf_kind, first, std::move(label), 0,
                           [s, group = std::move(group), id, state](TaskContext& ctx) {
                               return run_leaf(*s, id, ctx, group);
                           });
            plan->add_more_chunks(id, more);
            block_leaves[block].push_back(id);
        }
    }
    // A combine tree per block, `fan_in` partials per combine.
    std::vector<std::uint64_t> roots, root_blocks;
    for (auto& [block, level_nodes] : block_leaves) {
        std::vector<std::uint64_t> nodes = level_nodes;
        std::uint32_t level = 0;
        while (nodes.size() > 1) {
            ++level;
            std::vector<std::uint64_t> next;
            for (std::size_t i = 0; i < nodes.size(); i += spec.fan_in) {
                std::vector<std::uint64_t> kids(
                    nodes.begin() + static_cast<std::ptrdiff_t>(i),
                    nodes.begin() +
                        static_cast<std::ptrdiff_t>(std::min(nodes.size(), i + spec.fan_in)));
                if (kids.size() == 1) {
                    next.push_back(kids[0]);
                    continue;
                }
                ReduceState* s = state.get();
                const std::uint64_t id = plan->size();
                plan->add_task(trace::TaskKind::Combine, state->block_coords[block],
                               "combine " + coords_label(state->block_coords[block]), level,
                               [s, id, kids, state](TaskContext& ctx) {
                                   auto compute = ctx.phase(trace::Phase::Compute);
                                   return run_combine(*s, id, kids);
                               });
                for (auto k : kids) plan->add_edge(k, id);
                next.push_back(id);
            }
            nodes = std::move(next);
        }
        roots.push_back(nodes[0]);
        root_blocks.push_back(block);
    }
    {
        // The result's memory is taken now and written block by block as the roots finish.
        // A large one is a fresh mapping, so its pages are paid for by the workers that write
        // them, in parallel, and not here.
        ReduceResult& r = *state->result;
        r.shape = state->out_shape;
        const std::uint32_t bins = spec.op == ReduceOp::Bincount ? spec.bins : 1;
        if (spec.op == ReduceOp::Bincount) r.shape.push_back(bins);
        const ScalarType out_type = reduce_result_type(spec.op, source.type);
        r.dtype = DType::scalar(out_type);
        r.data = Bytes(product(state->out_shape) * bins * scalar_size(out_type));
    }
    {
        ReduceState* s = state.get();
        std::uint32_t top = 0;
        for (auto r : roots) top = std::max(top, plan->graph()->nodes[r].level);
        const std::uint64_t fin =
            plan->add_task(trace::TaskKind::Finalize, {}, "finalize " + what, top + 1,
                           [s, state](TaskContext& ctx) { return run_finalize(*s, ctx); });
        for (auto r : roots) plan->add_edge(r, fin);
    }
    state->partials.resize(plan->size());
    state->block_of_root.assign(plan->size(), ReduceState::kNotARoot);
    for (std::size_t k = 0; k < roots.size(); ++k) state->block_of_root[roots[k]] = root_blocks[k];
    state->roots = roots.size();
    state->source = std::move(source);
    plan->metadata["operation"] = what;
    return ReducePlan{plan, state->result, static_cast<std::uint32_t>(per_leaf)};
}

Result<ChunkSource> array_source(std::shared_ptr<const ChunkedArray> array) {
    const ArrayMeta& m = array->meta();
    const auto type = m.dtype.scalar_type();
    if (!type)
        return fail(ErrorCode::Unsupported,
                    array->describe() + ": cannot compute on dtype " + m.dtype.display_name());
    ChunkSource src;
    src.grid = m.grid;
    src.type = *type;
    src.name = array->describe();
    if (m.fill_value && m.fill_value->size() == m.dtype.itemsize) {
        Bytes f = *m.fill_value;
        if (m.dtype.needs_byteswap()) byteswap_elements(f, m.dtype.itemsize);
        dispatch_scalar(*type,
                        [&](auto t) { src.fill_value = load_as_double<decltype(t)>(f.data(), 0); });
    }
    src.values = [array](TaskContext& ctx, std::span<const std::uint64_t> coords) {
        return ctx.read_decoded(*array, coords);
    };
    src.values_in_pieces = [array](TaskContext& ctx, std::span<const std::uint64_t> coords,
                                   Bytes* whole) {
        return ctx.read_in_pieces(*array, coords, whole);
    };
    return src;
}

}  // namespace cs::engine
