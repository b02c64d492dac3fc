// Plans for fused expressions (expression_parser.h): the element-wise part is evaluated chunk by
// chunk inside the leaf tasks, straight from the decoded input chunks, so no intermediate array
// is ever stored. With an outer reduction the plan is a reduction plan (ops/reduce.h) whose
// leaves evaluate the expression; without one, each task evaluates one chunk and writes it to
// the target array (an Expression task: read, decode, compute, encode, write).
// All inputs must have the same shape and chunk shape.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/array/chunked_array.h"
#include "core/engine/expression_parser.h"
#include "core/engine/ops/reduce.h"

namespace cs::engine {

using NamedInputs = std::vector<std::pair<std::string, std::shared_ptr<const ChunkedArray>>>;

// Shape, chunk shape and element type of an element-wise expression's result (for creating the
// target). Fails when an input is missing or the inputs do not line up.
struct ExpressionOutput {
    Shape shape;
    Shape chunks;
    ScalarType type = ScalarType::F64;
};
Result<ExpressionOutput> expression_output(const ParsedExpression& e, const NamedInputs& inputs);

// `e` must have a reduction. `fan_in`, `chunks_per_leaf` and `threads` as in ReduceSpec.
Result<ReducePlan> plan_expression_reduce(
    const ParsedExpression& e, const NamedInputs& inputs, std::uint32_t fan_in,
    std::function<Result<void>(const ReduceResult&)> sink = {}, std::uint32_t chunks_per_leaf = 1,
    std::uint32_t threads = 1);
// `e` must have no reduction; `target` has expression_output()'s shape, chunks and type.
Result<std::shared_ptr<Plan>> plan_expression_array(const ParsedExpression& e,
                                                    const NamedInputs& inputs,
                                                    std::shared_ptr<ChunkedArray> target);

}  // namespace cs::engine
