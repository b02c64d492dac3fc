#include "core/engine/ops/expression.h"

#include "core/engine/expression_eval.h"
#include "core/engine/task_context.h"

namespace cs::engine {

namespace {

struct BoundInputs {
    std::vector<std::shared_ptr<const ChunkedArray>> arrays;  // in ParsedExpression::inputs order
    std::vector<ScalarType> types;
    ChunkGrid grid;
};

Result<BoundInputs> bind(const ParsedExpression& e, const NamedInputs& inputs) {
    BoundInputs b;
    if (e.inputs.empty())
        return fail(ErrorCode::InvalidArgument,
                    "expression '" + e.text + "' uses no input: nothing to compute over");
    for (const auto& name : e.inputs) {
        std::shared_ptr<const ChunkedArray> found;
        for (const auto& [n, a] : inputs)
            if (n == name) found = a;
        if (!found)
            return fail(ErrorCode::InvalidArgument, "expression '" + e.text +
                                                        "': no input named '" + name +
                                                        "' (give --input " + name + "=LOCATION)");
        const auto type = found->meta().dtype.scalar_type();
        if (!type || *type == ScalarType::C64 || *type == ScalarType::C128)
            return fail(ErrorCode::Unsupported, found->describe() + ": cannot compute on dtype " +
                                                    found->meta().dtype.display_name());
        if (b.arrays.empty()) {
            b.grid = found->meta().grid;
        } else if (found->meta().grid.shape != b.grid.shape ||
                   found->meta().grid.chunk_shape != b.grid.chunk_shape) {
            return fail(ErrorCode::InvalidArgument,
                        "expression '" + e.text + "': input '" + name + "' (" + found->describe() +
                            ") does not have the shape and chunks of '" + e.inputs[0] + "'");
        }
        b.arrays.push_back(found);
        b.types.push_back(*type);
    }
    return b;
}

// Evaluates the expression over every input's decoded chunk (`chunks`, in input order).
Bytes evaluate_decoded(const BoundInputs& b, const CompiledExpression& program, TaskContext& ctx,
                       std::vector<Bytes> chunks) {
    auto compute = ctx.phase(trace::Phase::Compute);
    std::vector<const std::uint8_t*> ptrs;
    for (const auto& c : chunks) ptrs.push_back(c.data());
    const std::size_t elements = b.grid.chunk_elements();
    // The result overwrites the first input's chunk when its values are no wider: a chunk of
    // tens of MB less to allocate (and for the kernel to zero) per task.
    const std::size_t out_size = scalar_size(program.output_type());
    if (out_size <= scalar_size(b.types[0]) && chunks[0].size() >= elements * out_size) {
        program.evaluate_into(ptrs, elements, chunks[0].data());
        chunks[0].resize(elements * out_size);
        return std::move(chunks[0]);
    }
    return program.evaluate(ptrs, elements);
}

// Reads and decodes every input's chunk, then evaluates the expression over it.
Result<Bytes> evaluate_chunk(const BoundInputs& b, const CompiledExpression& program,
                             TaskContext& ctx, std::span<const std::uint64_t> coords) {
    std::vector<Bytes> chunks;
    for (const auto& a : b.arrays) {
        CS_ASSIGN_OR_RETURN(Bytes c, ctx.read_decoded(*a, coords));
        chunks.push_back(std::move(c));
    }
    return evaluate_decoded(b, program, ctx, std::move(chunks));
}

// A one-input expression over its input's chunk decoded piece by piece: each piece of input
// values is evaluated as it arrives, so neither the decoded chunk nor its results are ever
// held whole (expr_mean's chunks are 60 MB).
class ExpressionPieces final : public ChunkPieces {
public:
    ExpressionPieces(std::unique_ptr<ChunkPieces> input, const CompiledExpression& program,
                     ScalarType input_type, trace::TaskTimer& timer)
        : input_(std::move(input)),
          program_(program),
          in_item_(scalar_size(input_type)),
          out_item_(scalar_size(program.output_type())),
          timer_(timer),
          values_(input_->max_piece()) {}
    std::size_t max_piece() const override { return input_->max_piece() / in_item_ * out_item_; }
    Result<std::size_t> next(std::uint8_t* out) override {
        CS_ASSIGN_OR_RETURN(const std::size_t n, input_->next(values_.data()));
        // Blosc blocks hold whole items (its block size is a multiple of the item size).
        if (n % in_item_)
            return fail(ErrorCode::Internal, "a decoded piece ends inside an element");
        const std::int64_t start = timer_.now();
        program_.evaluate_into({values_.data()}, n / in_item_, out);
        evaluation_ns_ += timer_.now() - start;
        return n / in_item_ * out_item_;
    }
    std::int64_t compute_ns() const override { return evaluation_ns_; }

private:
    std::unique_ptr<ChunkPieces> input_;
    const CompiledExpression& program_;
    std::size_t in_item_, out_item_;
    trace::TaskTimer& timer_;
    Bytes values_;
    std::int64_t evaluation_ns_ = 0;
};

// ChunkSource::values_in_pieces for a one-input expression.
Result<std::unique_ptr<ChunkPieces>> evaluate_in_pieces(const BoundInputs& b,
                                                        const CompiledExpression& program,
                                                        TaskContext& ctx,
                                                        std::span<const std::uint64_t> coords,
                                                        Bytes* whole) {
    Bytes decoded;
    CS_ASSIGN_OR_RETURN(auto pieces, ctx.read_in_pieces(*b.arrays[0], coords, &decoded));
    if (pieces)
        return std::make_unique<ExpressionPieces>(std::move(pieces), program, b.types[0],
                                                  ctx.timer());
    std::vector<Bytes> chunks;
    chunks.push_back(std::move(decoded));
    *whole = evaluate_decoded(b, program, ctx, std::move(chunks));
    return nullptr;
}

}  // namespace

Result<ExpressionOutput> expression_output(const ParsedExpression& e, const NamedInputs& inputs) {
    CS_ASSIGN_OR_RETURN(BoundInputs b, bind(e, inputs));
    return ExpressionOutput{b.grid.shape, b.grid.chunk_shape, expression_type(e, b.types)};
}

Result<ReducePlan> plan_expression_reduce(const ParsedExpression& e, const NamedInputs& inputs,
                                          std::uint32_t fan_in,
                                          std::function<Result<void>(const ReduceResult&)> sink,
                                          std::uint32_t chunks_per_leaf, std::uint32_t threads) {
    if (!e.reduce)
        return fail(ErrorCode::InvalidArgument, "expression '" + e.text + "' has no reduction");
    CS_ASSIGN_OR_RETURN(BoundInputs b, bind(e, inputs));
    ReduceSpec spec;
    spec.op = *e.reduce;
    spec.axes = e.axes;
    spec.bins = e.bins;
    spec.fan_in = fan_in;
    spec.chunks_per_leaf = chunks_per_leaf;
    spec.threads = threads;
    ReducePlan rp;
    if (e.body->op == ExprOp::Input) {
        // A bare input reduces the array itself: no evaluation, and count() sees the fill value.
        CS_ASSIGN_OR_RETURN(ChunkSource src, array_source(b.arrays[0]));
        CS_ASSIGN_OR_RETURN(rp, plan_reduce(std::move(src), spec, std::move(sink)));
    } else {
        auto program =
            std::make_shared<CompiledExpression>(CompiledExpression::compile(e, b.types));
        ChunkSource src;
        src.grid = b.grid;
        src.type = program->output_type();
        src.name = e.text;
        src.leaf_kind = trace::TaskKind::Expression;
        auto bound = std::make_shared<BoundInputs>(b);
        src.values = [bound, program](TaskContext& ctx, std::span<const std::uint64_t> coords) {
            return evaluate_chunk(*bound, *program, ctx, coords);
        };
        // Pieces of several inputs would have to be cut at the same elements; one input's are
        // used as they come.
        if (bound->arrays.size() == 1) {
            src.values_in_pieces = [bound, program](TaskContext& ctx,
                                                    std::span<const std::uint64_t> coords,
                                                    Bytes* whole) {
                return evaluate_in_pieces(*bound, *program, ctx, coords, whole);
            };
        }
        CS_ASSIGN_OR_RETURN(rp, plan_reduce(std::move(src), spec, std::move(sink)));
    }
    rp.plan->description = e.text;
    rp.plan->metadata["expression"] = e.text;
    return rp;
}

Result<std::shared_ptr<Plan>> plan_expression_array(const ParsedExpression& e,
                                                    const NamedInputs& inputs,
                                                    std::shared_ptr<ChunkedArray> target) {
    if (e.reduce)
        return fail(ErrorCode::InvalidArgument,
                    "expression '" + e.text + "' is a reduction: its result is not an array");
    CS_ASSIGN_OR_RETURN(BoundInputs b, bind(e, inputs));
    auto program = std::make_shared<CompiledExpression>(CompiledExpression::compile(e, b.types));
    const ArrayMeta& tm = target->meta();
    if (!target->writable() || tm.grid.shape != b.grid.shape ||
        tm.grid.chunk_shape != b.grid.chunk_shape ||
        tm.dtype.with_native_order() != DType::scalar(program->output_type()))
        return fail(ErrorCode::InvalidArgument,
                    target->describe() +
                        ": not a writable array of the expression's shape, chunks "
                        "and type (" +
                        std::string(scalar_name(program->output_type())) + ")");
    auto plan = std::make_shared<Plan>();
    plan->description = e.text + " -> " + target->describe();
    plan->metadata["expression"] = e.text;
    plan->metadata["target"] = target->describe();
    auto bound = std::make_shared<BoundInputs>(std::move(b));
    const std::uint64_t n = bound->grid.array_elements() == 0 ? 0 : bound->grid.num_chunks();
    for (std::uint64_t c = 0; c < n; ++c) {
        const ChunkCoords coords = bound->grid.coords_of(c);
        plan->add_task(trace::TaskKind::Expression, coords, "eval " + coords_label(coords), 0,
                       [bound, program, target, coords](TaskContext& ctx) -> Result<void> {
                           CS_ASSIGN_OR_RETURN(Bytes values,
                                               evaluate_chunk(*bound, *program, ctx, coords));
                           if (ctx.cancelled()) return {};
                           CS_ASSIGN_OR_RETURN(Bytes stored, ctx.encode(*target, coords, values));
                           return ctx.write_stored(*target, coords, stored);
                       });
    }
    return plan;
}

}  // namespace cs::engine
