// Reductions over any set of axes (or all) of any ChunkedArray: sum, mean, min, max, var, std,
// count of non-fill values, and bincount(x, n) (counts of the values 0..n-1, a trailing axis of
// length n). One task per chunk produces a partial result for the chunk's output block; partials
// of a block merge in a tree of Combine tasks with RunSettings-independent fan-in; the task that
// finishes a block writes it into the result, and one Finalize task hands the result on.
//
// Semantics (numpy's, with stated differences):
// - sum: integers and bool accumulate in 64 bits (int64, uint64 for unsigned) and give int64 /
//   uint64; floats accumulate in double and give the input's float type (numpy accumulates
//   float32 in float32 pairwise: our float32 sums are at least as accurate).
// - mean: float64 for integer inputs, the input's float type for floats; exact 64-bit integer
//   sums divided once.
// - min, max: the input type; a NaN anywhere gives NaN (as numpy.min).
// - var, std: population (ddof=0), per-chunk two-pass then Chan's merge, in double.
// - count: int64 count of elements not equal to the fill value (NaN fill: not NaN; no fill
//   value: not zero).
// - bincount(x, n): int64, output shape = kept axes + (n,); values outside 0..n-1 are ignored.
// - over a zero-length axis: sum, count and bincount give zeros, mean, var and std NaN; min and
//   max are an error (no identity), as in numpy.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/array/chunked_array.h"
#include "core/engine/ops/leaf_grouping.h"
#include "core/engine/plan.h"

namespace cs::engine {

enum class ReduceOp { Sum, Mean, Min, Max, Var, Std, Count, Bincount };
const char* reduce_op_name(ReduceOp op);  // "sum", "mean", ...
std::optional<ReduceOp> reduce_op_from_name(const std::string& name);

struct ReduceSpec {
    ReduceOp op = ReduceOp::Sum;
    std::optional<std::vector<std::int64_t>> axes;  // nullopt: all axes; negative counts back
    std::uint32_t bins = 0;                         // bincount's n
    std::uint32_t fan_in = 8;                       // partials merged per combine task (>= 2)
    // Chunks one leaf task reduces: up to this many chunks of the same output block, folded
    // into one partial. For chunks much smaller than a task's fixed costs (HDF5's (6553, 10, 2)
    // genotype chunks: 131 KB, each giving a 210 KB partial to merge), like choosing dask
    // chunks larger than the storage's. 1: one task per chunk. kAutoChunksPerLeaf: chosen by
    // choose_chunks_per_leaf() (leaf_grouping.h) for `threads` threads.
    std::uint32_t chunks_per_leaf = 1;
    std::uint32_t threads = 1;
};

// A small result in memory: native byte order, C order.
struct ReduceResult {
    Shape shape;
    DType dtype;
    Bytes data;
};

// Where a leaf task gets the values of a chunk: full chunk shape, C order, native order, of
// element type `type`. For a plain reduction it reads and decodes the chunk; for an expression
// it evaluates the expression over the chunk.
struct ChunkSource {
    ChunkGrid grid;
    ScalarType type = ScalarType::F64;
    std::optional<double> fill_value;  // for count: the value that means "not set"
    std::string name;                  // for messages and the plan's description
    trace::TaskKind leaf_kind = trace::TaskKind::Reduce;
    std::function<Result<Bytes>(TaskContext&, std::span<const std::uint64_t>)> values;
    // Optional: reads a chunk and returns its piece decoder when the chunk can be decoded piece
    // by piece, else null with the chunk's values (as `values` gives them) in `*whole`.
    std::function<Result<std::unique_ptr<ChunkPieces>>(TaskContext&, std::span<const std::uint64_t>,
                                                       Bytes* whole)>
        values_in_pieces;
};

// The reduction's plan and where its result appears once the plan has run. `sink`, when set,
// runs in the Finalize task with the result (e.g. to write a .npy file). The result's shape,
// dtype and memory are set when the plan is made; each block's values are written by the task
// that finishes the block, so they are complete only after a successful run.
struct ReducePlan {
    std::shared_ptr<Plan> plan;
    std::shared_ptr<ReduceResult> result;
    std::uint32_t chunks_per_leaf = 1;  // as planned: the automatic choice made
};
Result<ReducePlan> plan_reduce(ChunkSource source, const ReduceSpec& spec,
                               std::function<Result<void>(const ReduceResult&)> sink = {});
// The source for a plain reduction of an array.
Result<ChunkSource> array_source(std::shared_ptr<const ChunkedArray> array);

// The dtype a reduction of `input` gives (see the semantics above).
ScalarType reduce_result_type(ReduceOp op, ScalarType input);

}  // namespace cs::engine
