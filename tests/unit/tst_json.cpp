#include <QtTest>

#include "core/json/json.h"

using cs::Json;

class TestJson : public QObject {
    Q_OBJECT
private slots:
    void parsesPythonNonFiniteLiterals() {
        auto doc = cs::parse_json(R"({"a": NaN, "b": Infinity, "c": -Infinity, "d": [1, 2.5]})",
                                  "test");
        QVERIFY2(doc.has_value(), doc ? "" : doc.error().message.c_str());
        QVERIFY(std::isnan(doc->find("a")->as_double()));
        QCOMPARE(doc->find("b")->as_double(), std::numeric_limits<double>::infinity());
        QCOMPARE(doc->find("c")->as_double(), -std::numeric_limits<double>::infinity());
        QCOMPARE(doc->find("d")->as_array()[1].as_double(), 2.5);
    }

    void keepsLargeIntegersExact() {
        auto doc = cs::parse_json("[18446744073709551615, -9223372036854775808]", "test");
        QVERIFY(doc.has_value());
        QCOMPARE(doc->as_array()[0].as_uint(), std::numeric_limits<std::uint64_t>::max());
        QCOMPARE(doc->as_array()[1].as_int(), std::numeric_limits<std::int64_t>::min());
    }

    void rejectsMalformedDocumentsWithTheirName() {
        for (const char* text : {"{", "{\"a\": }", "[1, 2] trailing", ""}) {
            auto doc = cs::parse_json(text, "store/.zarray");
            QVERIFY(!doc.has_value());
            QVERIFY(doc.error().message.find("store/.zarray") != std::string::npos);
        }
    }

    void rejectsPathologicalNesting() {
        std::string deep(100000, '[');
        auto doc = cs::parse_json(deep + std::string(100000, ']'), "deep");
        QVERIFY(!doc.has_value());
    }

    void floatReprMatchesPython_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("int-valued") << 100.0 << "100.0";
        QTest::newRow("small") << 1e-05 << "1e-05";
        QTest::newRow("1e-4") << 0.0001 << "0.0001";
        QTest::newRow("1e16") << 1e16 << "1e+16";
        QTest::newRow("1e15") << 1e15 << "1000000000000000.0";
        QTest::newRow("third") << 1.0 / 3 << "0.3333333333333333";
        QTest::newRow("neg") << -2.5 << "-2.5";
        QTest::newRow("negzero") << -0.0 << "-0.0";
        QTest::newRow("big") << 1.7976931348623157e308 << "1.7976931348623157e+308";
        QTest::newRow("tiny") << 5e-324 << "5e-324";
        QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "NaN";
    }
    void floatReprMatchesPython() {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(cs::python_float_repr(value)), expected);
    }

    // json.dumps({"b": [1, {"x": None}], "a": "é", "c": []}, indent=4, sort_keys=True)
    void writesLikePythonJsonDumps() {
        Json j = Json::object();
        j["b"] = Json(Json::Array{Json(1), Json(Json::Object{{"x", Json()}})});
        j["a"] = Json("\xc3\xa9");
        j["c"] = Json::array();
        const std::string expected =
            "{\n    \"a\": \"\\u00e9\",\n    \"b\": [\n        1,\n        {\n"
            "            \"x\": null\n        }\n    ],\n    \"c\": []\n}";
        QCOMPARE(QString::fromStdString(cs::write_json(j, {.indent = 4, .sort_keys = true})),
                 QString::fromStdString(expected));
        QCOMPARE(QString::fromStdString(cs::write_json(Json(Json::Array{Json(1), Json(2.0)}))),
                 QString("[1, 2.0]"));
    }

    void roundTripsThroughText() {
        auto doc = cs::parse_json(R"({"k": [true, false, null, "s\n", 1e300, -7]})", "t");
        QVERIFY(doc.has_value());
        auto again = cs::parse_json(cs::write_json(*doc), "t2");
        QVERIFY(again.has_value());
        QVERIFY(*doc == *again);
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
