#include "core/engine/expression_eval.h"

#include <cmath>

#include "core/engine/ops/scalar_dispatch.h"

namespace cs::engine {

namespace {
constexpr std::size_t kBlock = 256;
// Registers lie kRegisterStride doubles apart: a multiple of 4 KiB would put the same element of
// every register at the same L1 set and 4 KiB alias (the loads of a[i] wait on stores to r[i]).
constexpr std::size_t kRegisterStride = kBlock + 24;

std::size_t emit(const ExprNode& n, std::vector<CompiledExpression::Instr>& out);
}  // namespace

ScalarType expression_type(const ParsedExpression& e, const std::vector<ScalarType>& types) {
    if (e.is_comparison()) return ScalarType::Bool;
    bool all_small_float = !types.empty();
    for (auto t : types) all_small_float &= t == ScalarType::F32 || t == ScalarType::F16;
    return all_small_float ? ScalarType::F32 : ScalarType::F64;
}

namespace {
std::size_t emit(const ExprNode& n, std::vector<CompiledExpression::Instr>& out) {
    // An input named twice (x**2 + x**3) is loaded and converted once per block.
    if (n.op == ExprOp::Input)
        for (std::size_t k = 0; k < out.size(); ++k)
            if (out[k].op == ExprOp::Input && out[k].input == n.input) return k;
    std::size_t regs[3] = {0, 0, 0};
    for (std::size_t i = 0; i < n.args.size() && i < 3; ++i) regs[i] = emit(*n.args[i], out);
    out.push_back({n.op, n.value, n.input, regs[0], regs[1], regs[2]});
    return out.size() - 1;
}
}  // namespace

CompiledExpression CompiledExpression::compile(const ParsedExpression& e,
                                               const std::vector<ScalarType>& input_types) {
    CompiledExpression c;
    c.input_types_ = input_types;
    c.output_ = expression_type(e, input_types);
    if (e.body) emit(*e.body, c.program_);
    return c;
}

Bytes CompiledExpression::evaluate(const std::vector<const std::uint8_t*>& inputs,
                                   std::size_t elements) const {
    Bytes out(elements * scalar_size(output_));
    evaluate_into(inputs, elements, out.data());
    return out;
}

void CompiledExpression::evaluate_into(const std::vector<const std::uint8_t*>& inputs,
                                       std::size_t elements, std::uint8_t* out) const {
    std::vector<double> regs(program_.size() * kRegisterStride);
    for (std::size_t base = 0; base < elements; base += kBlock) {
        const std::size_t n = std::min(kBlock, elements - base);
        for (std::size_t k = 0; k < program_.size(); ++k) {
            const Instr& in = program_[k];
            double* r = regs.data() + k * kRegisterStride;
            const double* a = regs.data() + in.a * kRegisterStride;
            const double* b = regs.data() + in.b * kRegisterStride;
            const double* c = regs.data() + in.c * kRegisterStride;
            switch (in.op) {
                case ExprOp::Number:
                    // The registers outlive the block: a constant is written once.
                    if (base == 0)
                        for (std::size_t i = 0; i < kBlock; ++i) r[i] = in.value;
                    break;
                case ExprOp::Input:
                    dispatch_scalar(input_types_[in.input], [&](auto t) {
                        using T = decltype(t);
                        const std::uint8_t* src = inputs[in.input];
                        for (std::size_t i = 0; i < n; ++i) r[i] = load_as_double<T>(src, base + i);
                    });
                    break;
                case ExprOp::Neg:
                    for (std::size_t i = 0; i < n; ++i) r[i] = -a[i];
                    break;
                case ExprOp::Abs:
                    for (std::size_t i = 0; i < n; ++i) r[i] = std::abs(a[i]);
                    break;
                case ExprOp::Sqrt:
                    for (std::size_t i = 0; i < n; ++i) r[i] = std::sqrt(a[i]);
                    break;
                case ExprOp::Exp:
                    for (std::size_t i = 0; i < n; ++i) r[i] = std::exp(a[i]);
                    break;
                case ExprOp::Log:
                    for (std::size_t i = 0; i < n; ++i) r[i] = std::log(a[i]);
                    break;
                case ExprOp::Add:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] + b[i];
                    break;
                case ExprOp::Sub:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] - b[i];
                    break;
                case ExprOp::Mul:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] * b[i];
                    break;
                case ExprOp::Div:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] / b[i];
                    break;
                case ExprOp::Pow: {
                    // Small whole exponents as multiplications: exact and much faster than pow.
                    const Instr& e = program_[in.b];
                    if (e.op == ExprOp::Number && e.value == 2) {
                        for (std::size_t i = 0; i < n; ++i) r[i] = a[i] * a[i];
                    } else if (e.op == ExprOp::Number && e.value == 3) {
                        for (std::size_t i = 0; i < n; ++i) r[i] = a[i] * a[i] * a[i];
                    } else {
                        for (std::size_t i = 0; i < n; ++i) r[i] = std::pow(a[i], b[i]);
                    }
                    break;
                }
                case ExprOp::Lt:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] < b[i];
                    break;
                case ExprOp::Le:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] <= b[i];
                    break;
                case ExprOp::Gt:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] > b[i];
                    break;
                case ExprOp::Ge:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] >= b[i];
                    break;
                case ExprOp::Eq:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] == b[i];
                    break;
                case ExprOp::Ne:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] != b[i];
                    break;
                case ExprOp::Where:
                    for (std::size_t i = 0; i < n; ++i) r[i] = a[i] != 0 ? b[i] : c[i];
                    break;
            }
        }
        const double* result = regs.data() + (program_.size() - 1) * kRegisterStride;
        dispatch_scalar(output_, [&](auto t) {
            using T = decltype(t);
            for (std::size_t i = 0; i < n; ++i) store_from_double<T>(out, base + i, result[i]);
        });
    }
}

}  // namespace cs::engine
