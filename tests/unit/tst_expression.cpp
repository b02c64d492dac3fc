// The expression language: parsing (precedence, reductions as the outer call, clear errors) and
// chunk-wise evaluation against element-by-element results, with and without reductions.
#include <QtTest>

#include <cmath>

#include "core/engine/executor.h"
#include "core/engine/expression_eval.h"
#include "core/engine/ops/expression.h"
#include "engine_support/engine_test_arrays.h"

using namespace cs;
using namespace cs::engine;

namespace {

double eval_scalar(const std::string& text, double x, double y = 0) {
    auto e = parse_expression(text);
    if (!e) return std::nan("");
    std::vector<ScalarType> types(e->inputs.size(), ScalarType::F64);
    auto c = CompiledExpression::compile(*e, types);
    std::vector<const std::uint8_t*> ptrs;
    for (const auto& name : e->inputs)
        ptrs.push_back(reinterpret_cast<const std::uint8_t*>(name == "x" ? &x : &y));
    Bytes out = c.evaluate(ptrs, 1);
    return cs_test::element(out, c.output_type(), 0);
}

}  // namespace

class TestExpression : public QObject {
    Q_OBJECT
private slots:
    void precedenceAndFunctions_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("expected");
        QTest::newRow("add mul") << "1 + 2 * x" << 3.0 << 7.0;
        QTest::newRow("neg pow") << "-x**2" << 3.0 << -9.0;
        QTest::newRow("pow right assoc") << "2**x**2" << 3.0 << 512.0;
        QTest::newRow("pow neg exponent") << "x**-1" << 4.0 << 0.25;
        QTest::newRow("parens") << "(1 + x) * 2" << 3.0 << 8.0;
        QTest::newRow("division") << "x / 4 - 1" << 2.0 << -0.5;
        QTest::newRow("functions") << "abs(-x) + sqrt(16) + exp(0) + log(1)" << 2.0 << 7.0;
        QTest::newRow("where") << "where(x > 2, x, -x)" << 1.0 << -1.0;
        QTest::newRow("where true") << "where(x >= 1, x * 10, 0)" << 1.0 << 10.0;
        QTest::newRow("compare") << "x != 3" << 3.0 << 0.0;
        QTest::newRow("exponent literal") << "x * 1e3" << 2.0 << 2000.0;
        QTest::newRow("cube") << "x**3 + x**2" << -2.0 << -4.0;
        QTest::newRow("log negative") << "log(x)" << -1.0 << std::nan("");
    }
    void precedenceAndFunctions() {
        QFETCH(QString, text);
        QFETCH(double, x);
        QFETCH(double, expected);
        const double got = eval_scalar(text.toStdString(), x);
        if (std::isnan(expected))
            QVERIFY(std::isnan(got));
        else
            QCOMPARE(got, expected);
    }

    void reductionsAreOuterCalls() {
        auto e = parse_expression("bincount(g, 4, axis=(1, 2))");
        QVERIFY(e.has_value());
        QCOMPARE(*e->reduce, ReduceOp::Bincount);
        QCOMPARE(e->bins, 4u);
        QCOMPARE(*e->axes, (std::vector<std::int64_t>{1, 2}));
        e = parse_expression("mean(x**2 + x**3, axis=0)");
        QVERIFY(e.has_value());
        QCOMPARE(*e->reduce, ReduceOp::Mean);
        QCOMPARE(e->inputs, std::vector<std::string>{"x"});
        e = parse_expression("sum(x * y, axis=None)");
        QVERIFY(e.has_value());
        QVERIFY(!e->axes.has_value());
        QCOMPARE(e->inputs.size(), std::size_t(2));
        e = parse_expression("x + y * x");
        QVERIFY(e.has_value());
        QVERIFY(!e->reduce);
    }

    void badExpressionsAreClearErrors_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "unexpected end";
        QTest::newRow("unclosed") << "mean(x**2"
                                  << "expected ')'";
        QTest::newRow("trailing") << "x + 1 )"
                                  << "unexpected text";
        QTest::newRow("unknown function") << "foo(x)"
                                          << "unknown function 'foo'";
        QTest::newRow("inner reduction") << "1 + sum(x)"
                                         << "outermost";
        QTest::newRow("bad axis") << "sum(x, axis=1.5)"
                                  << "whole number";
        QTest::newRow("bad keyword") << "sum(x, axes=1)"
                                     << "expected axis";
        QTest::newRow("bins") << "bincount(g, 0)"
                              << "bins";
        QTest::newRow("where arity") << "where(x, 1)"
                                     << "expected ','";
        QTest::newRow("stray") << "x $ 2"
                               << "unexpected text";
        QTest::newRow("deep") << QString(300, '(') + "x" + QString(300, ')') << "nested too deeply";
    }
    void badExpressionsAreClearErrors() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        auto e = parse_expression(text.toStdString());
        QVERIFY(!e.has_value());
        QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
        const QString got = QString::fromStdString(e.error().describe());
        QVERIFY2(got.contains(message) && got.contains("column"), qPrintable(got));
    }

    // An expression evaluated over its own input buffer (what a reducing task does when the
    // result is no wider than the input) gives what evaluating into fresh memory gives, across
    // several evaluation blocks.
    void evaluatingInPlaceMatchesACopy_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("type");
        QTest::newRow("float32 power sum") << "x**2 + x**3" << int(ScalarType::F32);
        QTest::newRow("float64 where") << "where(x > 0.5, sqrt(x), -x)" << int(ScalarType::F64);
        QTest::newRow("int8 comparison to bool") << "x >= 3" << int(ScalarType::I8);
    }
    // Over many blocks of values: constants are written into their registers once and an input
    // named several times is loaded once, so every block after the first relies on both.
    void blocksAfterTheFirstKeepConstantsAndInputs() {
        auto e = parse_expression("x**2 + x**3 - 2.5 * x + where(x > 0.5, x, 3) + y / 4");
        QVERIFY(e.has_value());
        auto c = CompiledExpression::compile(*e, {ScalarType::F64, ScalarType::F64});
        const std::size_t n = 5003;  // not a whole number of blocks
        std::vector<double> x(n), y(n);
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = static_cast<double>(i % 97) / 97.0 - 0.25;
            y[i] = static_cast<double>(i);
        }
        const Bytes out = c.evaluate({reinterpret_cast<const std::uint8_t*>(x.data()),
                                      reinterpret_cast<const std::uint8_t*>(y.data())},
                                     n);
        for (std::size_t i = 0; i < n; ++i) {
            const double v = x[i];
            const double want = v * v + v * v * v - 2.5 * v + (v > 0.5 ? v : 3.0) + y[i] / 4;
            QCOMPARE(cs_test::element(out, c.output_type(), i), want);
        }
    }

    void evaluatingInPlaceMatchesACopy() {
        QFETCH(QString, text);
        QFETCH(int, type);
        const auto t = static_cast<ScalarType>(type);
        auto e = parse_expression(text.toStdString());
        QVERIFY(e.has_value());
        auto c = CompiledExpression::compile(*e, {t});
        QVERIFY(scalar_size(c.output_type()) <= scalar_size(t));
        std::shared_ptr<cs_test::MemoryArray> x = cs_test::random_array({5003}, {5003}, t, 9);
        Bytes buffer = x->data();
        const Bytes want = c.evaluate({x->data().data()}, 5003);
        c.evaluate_into({buffer.data()}, 5003, buffer.data());
        buffer.resize(want.size());
        QVERIFY(buffer == want);
    }

    void chunkwiseReductionMatchesElementwise() {
        std::shared_ptr<cs_test::MemoryArray> x =
            cs_test::random_array({37, 11}, {8, 4}, ScalarType::F32, 3);
        std::shared_ptr<cs_test::MemoryArray> y =
            cs_test::random_array({37, 11}, {8, 4}, ScalarType::I16, 4);
        auto e = parse_expression("mean(x**2 + x**3 - where(y > 2, y, 0) / 2, axis=0)");
        QVERIFY(e.has_value());
        for (std::uint32_t threads : {1u, 2u}) {
            auto rp = plan_expression_reduce(*e, {{"x", x}, {"y", y}}, 4);
            QVERIFY2(rp.has_value(), rp ? "" : rp.error().describe().c_str());
            trace::RunSettings s;
            s.threads = threads;
            auto out = run_plan(rp->plan, s);
            QVERIFY(out.status.has_value());
            QCOMPARE(rp->result->dtype, DType::scalar(ScalarType::F64));  // an int16 input: float64
            QCOMPARE(rp->result->shape, (Shape{11}));
            for (std::size_t j = 0; j < 11; ++j) {
                long double sum = 0;
                for (std::size_t i = 0; i < 37; ++i) {
                    const double xv = cs_test::element(x->data(), ScalarType::F32, i * 11 + j);
                    const double yv = cs_test::element(y->data(), ScalarType::I16, i * 11 + j);
                    sum += xv * xv + xv * xv * xv - (yv > 2 ? yv : 0) / 2;
                }
                const double want = double(sum / 37);
                const double got = cs_test::element(rp->result->data, ScalarType::F64, j);
                QVERIFY2(std::abs(got - want) <= 1e-9 * std::abs(want),
                         qPrintable(QString::number(got - want)));
            }
            for (const auto& r : out.trace.all_records())
                if (r.kind == trace::TaskKind::Expression)
                    QVERIFY(r.phase_ns[int(trace::Phase::Compute)] >= 0);
        }
    }

    void elementwiseWritesAnArray() {
        std::shared_ptr<cs_test::MemoryArray> x =
            cs_test::random_array({30, 7}, {8, 3}, ScalarType::F32, 5);
        auto e = parse_expression("sqrt(abs(x)) * 2");
        QVERIFY(e.has_value());
        auto shape = expression_output(*e, {{"x", x}});
        QVERIFY(shape.has_value());
        QCOMPARE(shape->type, ScalarType::F32);
        auto target = std::make_shared<cs_test::MemoryArray>(
            shape->shape, shape->chunks, DType::scalar(shape->type), Bytes(30 * 7 * 4, 0));
        auto plan = plan_expression_array(*e, {{"x", x}}, target);
        QVERIFY(plan.has_value());
        QVERIFY(run_plan(*plan, trace::RunSettings{}).status.has_value());
        for (std::size_t i = 0; i < 30 * 7; ++i) {
            const double v = cs_test::element(x->data(), ScalarType::F32, i);
            QCOMPARE(cs_test::element(target->data(), ScalarType::F32, i),
                     double(float(std::sqrt(std::abs(v)) * 2)));
        }
    }

    void inputsMustLineUp() {
        std::shared_ptr<cs_test::MemoryArray> x =
            cs_test::random_array({30, 7}, {8, 3}, ScalarType::F32);
        std::shared_ptr<cs_test::MemoryArray> y =
            cs_test::random_array({30, 7}, {8, 4}, ScalarType::F32);
        auto e = parse_expression("sum(x + y)");
        auto rp = plan_expression_reduce(*e, {{"x", x}, {"y", y}}, 8);
        QVERIFY(!rp.has_value());
        QVERIFY(rp.error().describe().find("does not have the shape and chunks") !=
                std::string::npos);
        rp = plan_expression_reduce(*e, {{"x", x}}, 8);
        QVERIFY(!rp.has_value());
        QVERIFY(rp.error().describe().find("no input named 'y'") != std::string::npos);
        auto c = parse_expression("sum(3)");
        QVERIFY(c.has_value());
        QVERIFY(!plan_expression_reduce(*c, {{"x", x}}, 8).has_value());
    }
};

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
