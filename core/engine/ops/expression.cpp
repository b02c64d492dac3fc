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

// Reads and decodes every input's chunk, then evaluates the expression over it.
Result<Bytes> evaluate_chunk(const BoundInputs& b, const CompiledExpression& program,
                             TaskContext& ctx, std::span<const std::uint64_t> coords) {
    std::vector<Bytes> chunks;
    for (const auto& a : b.arrays) {
        CS_ASSIGN_OR_RETURN(Bytes c, ctx.read_decoded(*a, coords));
        chunks.push_back(std::move(c));
    }
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

}  // namespace

Result<ExpressionOutput> expression_output(const ParsedExpression& e, const NamedInputs& inputs) {
    CS_ASSIGN_OR_RETURN(BoundInputs b, bind(e, inputs));
    return ExpressionOutput{b.grid.shape, b.grid.chunk_shape, expression_type(e, b.types)};
}

Result<ReducePlan> plan_expression_reduce(const ParsedExpression& e, const NamedInputs& inputs,
                                          std::uint32_t fan_in,
                                          std::function<Result<void>(const ReduceResult&)> sink,
                                          std::uint32_t chunks_per_leaf) {
    if (!e.reduce)
        return fail(ErrorCode::InvalidArgument, "expression '" + e.text + "' has no reduction");
    CS_ASSIGN_OR_RETURN(BoundInputs b, bind(e, inputs));
    ReduceSpec spec;
    spec.op = *e.reduce;
    spec.axes = e.axes;
    spec.bins = e.bins;
    spec.fan_in = fan_in;
    spec.chunks_per_leaf = chunks_per_leaf;
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
