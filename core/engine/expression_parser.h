// The expression language of `chunkscope-cli run` and the window's Run dialog:
//
//   expr     := compare
//   compare  := additive [("<" | "<=" | ">" | ">=" | "==" | "!=") additive]
//   additive := term {("+" | "-") term}
//   term     := unary {("*" | "/") unary}
//   unary    := "-" unary | power
//   power    := primary ["**" unary]                 (right-associative; -x**2 is -(x**2))
//   primary  := number | name | func "(" expr {"," expr} ")" | "(" expr ")"
//   func     := abs | sqrt | exp | log | where       (where(c, a, b): a where c is true, else b)
//
// A reduction may be the outermost call, with keyword `axis` (an int, a tuple of ints, or None
// for all axes, the default): sum, mean, min, max, var, std, count (non-zero values of the
// expression; of the fill value for a bare input), and bincount(expr, n, axis=...).
// Example: `mean(x**2 + x**3, axis=0)`, `bincount(g, 4, axis=(1,2))`.
// Names are inputs, bound with --input name=LOCATION.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/ops/reduce.h"
#include "core/util/result.h"

namespace cs::engine {

enum class ExprOp : std::uint8_t {
    Number,
    Input,  // leaves
    Neg,
    Abs,
    Sqrt,
    Exp,
    Log,  // one argument
    Add,
    Sub,
    Mul,
    Div,
    Pow,  // two
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,     // comparisons: 1.0 or 0.0
    Where,  // three
};

struct ExprNode {
    ExprOp op = ExprOp::Number;
    double value = 0;       // Number
    std::size_t input = 0;  // Input: index into ParsedExpression::inputs
    std::vector<std::unique_ptr<ExprNode>> args;
};

struct ParsedExpression {
    std::string text;
    std::unique_ptr<ExprNode> body;                 // the element-wise part
    std::vector<std::string> inputs;                // names in order of first use
    std::optional<ReduceOp> reduce;                 // the outer reduction, if any
    std::optional<std::vector<std::int64_t>> axes;  // nullopt: all axes
    std::uint32_t bins = 0;                         // bincount's n
    bool is_comparison() const;                     // the body yields booleans
};

// Errors are InvalidArgument and quote the expression with the column of the problem.
Result<ParsedExpression> parse_expression(const std::string& text);

}  // namespace cs::engine
