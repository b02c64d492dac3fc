#include "core/engine/expression_parser.h"

#include <cctype>
#include <cstdlib>

namespace cs::engine {

bool ParsedExpression::is_comparison() const {
    if (!body) return false;
    switch (body->op) {
        case ExprOp::Lt:
        case ExprOp::Le:
        case ExprOp::Gt:
        case ExprOp::Ge:
        case ExprOp::Eq:
        case ExprOp::Ne:
            return true;
        default:
            return false;
    }
}

namespace {

class Parser {
public:
    explicit Parser(const std::string& text) : s_(text) {}

    Result<ParsedExpression> parse() {
        ParsedExpression out;
        out.text = s_;
        skip();
        // A reduction as the outermost call?
        const std::size_t save = pos_;
        std::string name = identifier();
        skip();
        const auto op = reduce_op_from_name(name);
        if (op && peek('(')) {
            ++pos_;
            out.reduce = op;
            CS_ASSIGN_OR_RETURN(out.body, expr());
            if (*op == ReduceOp::Bincount) {
                CS_RETURN_IF_ERROR(expect(','));
                skip();
                const std::size_t at = pos_;
                CS_ASSIGN_OR_RETURN(double n, number());
                if (n < 1 || n != static_cast<double>(static_cast<std::uint32_t>(n)))
                    return error(at, "bincount needs a positive whole number of bins");
                out.bins = static_cast<std::uint32_t>(n);
            }
            skip();
            while (peek(',')) {
                ++pos_;
                skip();
                const std::size_t at = pos_;
                if (identifier() != "axis") return error(at, "expected axis=...");
                CS_RETURN_IF_ERROR(expect('='));
                CS_ASSIGN_OR_RETURN(out.axes, axes());
                skip();
            }
            CS_RETURN_IF_ERROR(expect(')'));
        } else {
            pos_ = save;
            CS_ASSIGN_OR_RETURN(out.body, expr());
        }
        skip();
        if (pos_ != s_.size()) return error(pos_, "unexpected text");
        out.inputs = std::move(inputs_);
        return out;
    }

private:
    using NodePtr = std::unique_ptr<ExprNode>;

    std::unexpected<Error> error(std::size_t at, const std::string& what) const {
        return fail(ErrorCode::InvalidArgument,
                    "expression '" + s_ + "' at column " + std::to_string(at + 1) + ": " + what);
    }
    void skip() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    bool peek(char c) {
        skip();
        return pos_ < s_.size() && s_[pos_] == c;
    }
    bool peek2(const char* two) {
        skip();
        return s_.compare(pos_, 2, two) == 0;
    }
    Result<void> expect(char c) {
        if (!peek(c)) return error(pos_, std::string("expected '") + c + "'");
        ++pos_;
        return {};
    }
    std::string identifier() {
        skip();
        std::size_t start = pos_;
        if (pos_ < s_.size() &&
            (std::isalpha(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_')) {
            while (pos_ < s_.size() &&
                   (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
                ++pos_;
        }
        return s_.substr(start, pos_ - start);
    }
    Result<double> number() {
        skip();
        const char* begin = s_.c_str() + pos_;
        char* end = nullptr;
        const double v = std::strtod(begin, &end);
        if (end == begin) return error(pos_, "expected a number");
        pos_ += static_cast<std::size_t>(end - begin);
        return v;
    }
    Result<std::optional<std::vector<std::int64_t>>> axes() {
        skip();
        const std::size_t at = pos_;
        if (s_.compare(pos_, 4, "None") == 0) {
            pos_ += 4;
            return std::optional<std::vector<std::int64_t>>();
        }
        std::vector<std::int64_t> out;
        auto one = [&]() -> Result<void> {
            skip();
            const std::size_t a = pos_;
            CS_ASSIGN_OR_RETURN(double v, number());
            if (v != static_cast<double>(static_cast<std::int64_t>(v)))
                return error(a, "an axis must be a whole number");
            out.push_back(static_cast<std::int64_t>(v));
            return {};
        };
        if (peek('(')) {
            ++pos_;
            while (!peek(')')) {
                CS_RETURN_IF_ERROR(one());
                if (peek(','))
                    ++pos_;
                else if (!peek(')'))
                    return error(pos_, "expected ',' or ')' in the axis tuple");
            }
            ++pos_;
            if (out.empty()) return error(at, "empty axis tuple");
        } else {
            CS_RETURN_IF_ERROR(one());
        }
        return std::optional<std::vector<std::int64_t>>(std::move(out));
    }

    static NodePtr make(ExprOp op, std::vector<NodePtr> args) {
        auto n = std::make_unique<ExprNode>();
        n->op = op;
        n->args = std::move(args);
        return n;
    }
    static NodePtr binary(ExprOp op, NodePtr a, NodePtr b) {
        std::vector<NodePtr> args;
        args.push_back(std::move(a));
        args.push_back(std::move(b));
        return make(op, std::move(args));
    }

    Result<NodePtr> expr() {
        if (++depth_ > 200) return error(pos_, "nested too deeply");
        CS_ASSIGN_OR_RETURN(NodePtr left, additive());
        struct {
            const char* tok;
            ExprOp op;
        } const cmps[] = {{"<=", ExprOp::Le}, {">=", ExprOp::Ge}, {"==", ExprOp::Eq},
                          {"!=", ExprOp::Ne}, {"<", ExprOp::Lt},  {">", ExprOp::Gt}};
        skip();
        for (const auto& c : cmps) {
            const std::size_t len = std::char_traits<char>::length(c.tok);
            if (s_.compare(pos_, len, c.tok) == 0) {
                pos_ += len;
                CS_ASSIGN_OR_RETURN(NodePtr right, additive());
                left = binary(c.op, std::move(left), std::move(right));
                break;
            }
        }
        --depth_;
        return left;
    }
    Result<NodePtr> additive() {
        CS_ASSIGN_OR_RETURN(NodePtr left, term());
        while (peek('+') || peek('-')) {
            const ExprOp op = s_[pos_++] == '+' ? ExprOp::Add : ExprOp::Sub;
            CS_ASSIGN_OR_RETURN(NodePtr right, term());
            left = binary(op, std::move(left), std::move(right));
        }
        return left;
    }
    Result<NodePtr> term() {
        CS_ASSIGN_OR_RETURN(NodePtr left, unary());
        while ((peek('*') && !peek2("**")) || peek('/')) {
            const ExprOp op = s_[pos_++] == '*' ? ExprOp::Mul : ExprOp::Div;
            CS_ASSIGN_OR_RETURN(NodePtr right, unary());
            left = binary(op, std::move(left), std::move(right));
        }
        return left;
    }
    Result<NodePtr> unary() {
        if (++depth_ > 200) return error(pos_, "nested too deeply");
        NodePtr out;
        if (peek('-')) {
            ++pos_;
            CS_ASSIGN_OR_RETURN(NodePtr inner, unary());
            std::vector<NodePtr> args;
            args.push_back(std::move(inner));
            out = make(ExprOp::Neg, std::move(args));
        } else if (peek('+')) {
            ++pos_;
            CS_ASSIGN_OR_RETURN(out, unary());
        } else {
            CS_ASSIGN_OR_RETURN(out, power());
        }
        --depth_;
        return out;
    }
    Result<NodePtr> power() {
        CS_ASSIGN_OR_RETURN(NodePtr base, primary());
        if (peek2("**")) {
            pos_ += 2;
            CS_ASSIGN_OR_RETURN(NodePtr exponent, unary());
            return binary(ExprOp::Pow, std::move(base), std::move(exponent));
        }
        return base;
    }
    Result<NodePtr> primary() {
        skip();
        if (pos_ >= s_.size()) return error(pos_, "unexpected end of the expression");
        if (peek('(')) {
            ++pos_;
            CS_ASSIGN_OR_RETURN(NodePtr inner, expr());
            CS_RETURN_IF_ERROR(expect(')'));
            return inner;
        }
        const char c = s_[pos_];
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            CS_ASSIGN_OR_RETURN(double v, number());
            auto n = std::make_unique<ExprNode>();
            n->value = v;
            return n;
        }
        const std::size_t at = pos_;
        const std::string name = identifier();
        if (name.empty()) return error(at, std::string("unexpected '") + c + "'");
        if (peek('(')) {
            ++pos_;
            struct {
                const char* name;
                ExprOp op;
                std::size_t arity;
            } const funcs[] = {{"abs", ExprOp::Abs, 1},
                               {"sqrt", ExprOp::Sqrt, 1},
                               {"exp", ExprOp::Exp, 1},
                               {"log", ExprOp::Log, 1},
                               {"where", ExprOp::Where, 3}};
            for (const auto& f : funcs) {
                if (name != f.name) continue;
                std::vector<NodePtr> args;
                for (std::size_t i = 0; i < f.arity; ++i) {
                    if (i) CS_RETURN_IF_ERROR(expect(','));
                    CS_ASSIGN_OR_RETURN(NodePtr a, expr());
                    args.push_back(std::move(a));
                }
                CS_RETURN_IF_ERROR(expect(')'));
                return make(f.op, std::move(args));
            }
            if (reduce_op_from_name(name))
                return error(at, "a reduction (" + name + ") can only be the outermost call");
            return error(at, "unknown function '" + name + "'");
        }
        if (name == "None" || name == "axis") return error(at, "unexpected '" + name + "'");
        auto n = std::make_unique<ExprNode>();
        n->op = ExprOp::Input;
        std::size_t idx = 0;
        while (idx < inputs_.size() && inputs_[idx] != name) ++idx;
        if (idx == inputs_.size()) inputs_.push_back(name);
        n->input = idx;
        return n;
    }

    std::string s_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    std::vector<std::string> inputs_;
};

}  // namespace

Result<ParsedExpression> parse_expression(const std::string& text) {
    if (text.size() > 10000)
        return fail(ErrorCode::InvalidArgument, "expression is longer than 10000 characters");
    return Parser(text).parse();
}

}  // namespace cs::engine
