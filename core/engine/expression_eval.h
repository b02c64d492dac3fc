// Evaluates the element-wise part of a parsed expression over chunks, a block of elements at a
// time: every node of the expression gets a small register of kBlock doubles, so a chunk never
// needs more than its inputs and its output in memory (no whole-chunk intermediates, let alone
// whole-array ones). Arithmetic is in double; the output is stored in the expression's type:
// bool for a comparison, float32 when every input is float32 or float16, float64 otherwise
// (numpy would keep integer arithmetic in the integer type; we do not wrap around).
#pragma once

#include <vector>

#include "core/array/dtype.h"
#include "core/engine/expression_parser.h"
#include "core/util/bytes.h"

namespace cs::engine {

class CompiledExpression {
public:
    // `input_types[i]` is the element type of input i (ParsedExpression::inputs order).
    static CompiledExpression compile(const ParsedExpression& e,
                                      const std::vector<ScalarType>& input_types);

    ScalarType output_type() const { return output_; }
    // `inputs[i]` holds `elements` native-order values of input i's type; returns `elements`
    // values of output_type().
    Bytes evaluate(const std::vector<const std::uint8_t*>& inputs, std::size_t elements) const;
    // The same into `out` (room for `elements` output values). `out` may be one of the inputs
    // when the output type is no wider than that input's: each block of values is read whole
    // before its results are stored, and a result never lands past its own input.
    void evaluate_into(const std::vector<const std::uint8_t*>& inputs, std::size_t elements,
                       std::uint8_t* out) const;

    // One node of the program (public so the compiler helper can build it).
    struct Instr {
        ExprOp op;
        double value;         // Number
        std::size_t input;    // Input
        std::size_t a, b, c;  // argument registers
    };

private:
    std::vector<Instr> program_;  // post-order; the last instruction's register is the result
    std::vector<ScalarType> input_types_;
    ScalarType output_ = ScalarType::F64;
};

// The type an expression gives for these input types (see above).
ScalarType expression_type(const ParsedExpression& e, const std::vector<ScalarType>& input_types);

}  // namespace cs::engine
