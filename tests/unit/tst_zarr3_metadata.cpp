// zarr.json parsing and writing: data types, fill values, chunk key encodings (the v3 spec's
// examples) and the metadata errors a reader must report.
#include <QtTest>

#include <cmath>
#include <cstring>

#include "core/util/half_float.h"
#include "core/zarr/v3/data_type.h"
#include "core/zarr/v3/metadata.h"

using cs::Json;
namespace z3 = cs::zarr3;

namespace {

Json parse(const char* text) {
    auto j = cs::parse_json(text, "test");
    if (!j) qFatal("%s", j.error().message.c_str());
    return *j;
}

Json array_doc(const char* data_type, const char* fill, const char* codecs = nullptr) {
    std::string text =
        std::string(R"({"zarr_format": 3, "node_type": "array", "shape": [4, 6],
        "data_type": )") +
        data_type + R"(, "chunk_grid": {"name": "regular",
        "configuration": {"chunk_shape": [2, 3]}}, "chunk_key_encoding": {"name": "default"},
        "fill_value": )" +
        fill + R"(, "codecs": )" +
        (codecs ? codecs : R"([{"name": "bytes", "configuration": {"endian": "little"}}])") +
        R"(, "attributes": {"a": 1}, "dimension_names": ["y", null]})";
    return parse(text.c_str());
}

}  // namespace

class TestZarr3Metadata : public QObject {
    Q_OBJECT
private slots:
    void dataTypes_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("itemsize");
        for (auto [n, s] : {std::pair{"bool", 1},
                            {"int8", 1},
                            {"int16", 2},
                            {"int32", 4},
                            {"int64", 8},
                            {"uint8", 1},
                            {"uint16", 2},
                            {"uint32", 4},
                            {"uint64", 8},
                            {"float16", 2},
                            {"float32", 4},
                            {"float64", 8},
                            {"complex64", 8},
                            {"complex128", 16},
                            {"r8", 1},
                            {"r24", 3}})
            QTest::newRow(n) << QString(n) << s;
    }
    void dataTypes() {
        QFETCH(QString, name);
        QFETCH(int, itemsize);
        auto d = z3::parse_data_type(Json(name.toStdString()), "t");
        QVERIFY2(d.has_value(), d ? "" : d.error().message.c_str());
        QCOMPARE(int(d->itemsize), itemsize);
        QCOMPARE(QString::fromStdString(*z3::data_type_name(*d)), name);
    }

    void rejectsUnknownDataTypes() {
        for (const char* bad : {"int128", "r7", "r", "string", "<i4"}) {
            auto d = z3::parse_data_type(Json(bad), "g/zarr.json");
            QVERIFY(!d.has_value());
            QCOMPARE(d.error().code, cs::ErrorCode::Unsupported);
            QVERIFY(d.error().message.find("g/zarr.json") != std::string::npos);
        }
    }

    void fillValues() {
        auto f32 = *z3::parse_data_type(Json("float32"), "t");
        auto bits32 = [&](const Json& j) {
            auto b = z3::parse_fill_value(j, f32, "t");
            std::uint32_t v = 0;
            if (b && *b) std::memcpy(&v, (*b)->data(), 4);
            return v;
        };
        QCOMPARE(bits32(Json("NaN")), 0x7fc00000u);
        QCOMPARE(bits32(Json("Infinity")), 0x7f800000u);
        QCOMPARE(bits32(Json("-Infinity")), 0xff800000u);
        QCOMPARE(bits32(Json("0x7fc00001")), 0x7fc00001u);
        QCOMPARE(bits32(Json(1.5)), 0x3fc00000u);
        // Non-canonical NaN bit patterns survive a write/read round trip as hex.
        auto nan = z3::parse_fill_value(Json("0x7fc00001"), f32, "t");
        QVERIFY(z3::fill_value_to_json(*nan, f32) == Json("0x7fc00001"));
        QVERIFY(z3::fill_value_to_json(*z3::parse_fill_value(Json("NaN"), f32, "t"), f32) ==
                Json("NaN"));

        auto f16 = *z3::parse_data_type(Json("float16"), "t");
        auto h = z3::parse_fill_value(Json(-2.0), f16, "t");
        std::uint16_t hv = 0;
        std::memcpy(&hv, (*h)->data(), 2);
        QCOMPARE(hv, std::uint16_t{0xc000});
        QCOMPARE(cs::half_to_double(cs::double_to_half(0.333251953125)), 0.333251953125);

        auto c64 = *z3::parse_data_type(Json("complex64"), "t");
        auto c = z3::parse_fill_value(parse(R"([1.0, "NaN"])"), c64, "t");
        QVERIFY(c.has_value());
        float parts[2];
        std::memcpy(parts, (*c)->data(), 8);
        QCOMPARE(parts[0], 1.0f);
        QVERIFY(std::isnan(parts[1]));

        auto i16 = *z3::parse_data_type(Json("int16"), "t");
        auto neg = z3::parse_fill_value(Json(-2), i16, "t");
        QVERIFY(z3::fill_value_to_json(*neg, i16) == Json(-2));
        QVERIFY(!z3::parse_fill_value(Json(40000), i16, "t").has_value());
        QVERIFY(!z3::parse_fill_value(Json("NaN"), i16, "t").has_value());

        auto r16 = *z3::parse_data_type(Json("r16"), "t");
        auto raw = z3::parse_fill_value(parse("[1, 255]"), r16, "t");
        QVERIFY(raw.has_value());
        QCOMPARE((**raw)[1], std::uint8_t{255});
        QVERIFY(!z3::parse_fill_value(parse("[1]"), r16, "t").has_value());

        auto b = *z3::parse_data_type(Json("bool"), "t");
        QVERIFY(z3::fill_value_to_json(*z3::parse_fill_value(Json(true), b, "t"), b) == Json(true));
        QVERIFY(!z3::parse_fill_value(Json(1), b, "t").has_value());
    }

    // The examples of the v3 core spec's chunk key encoding section.
    void chunkKeyEncodings() {
        const std::vector<std::uint64_t> c{1, 23, 45};
        z3::ChunkKeyEncoding def;
        QCOMPARE(QString::fromStdString(def.key(c)), QString("c/1/23/45"));
        def.separator = '.';
        QCOMPARE(QString::fromStdString(def.key(c)), QString("c.1.23.45"));
        QCOMPARE(QString::fromStdString(def.key({})), QString("c"));
        z3::ChunkKeyEncoding v2{true, '.'};
        QCOMPARE(QString::fromStdString(v2.key(c)), QString("1.23.45"));
        QCOMPARE(QString::fromStdString(v2.key({})), QString("0"));
        v2.separator = '/';
        QCOMPARE(QString::fromStdString(v2.key(c)), QString("1/23/45"));
    }

    void parsesAndWritesArrayMetadata() {
        auto meta = z3::parse_array_metadata(array_doc("\"float64\"", "\"NaN\""), "a/zarr.json");
        QVERIFY2(meta.has_value(), meta ? "" : meta.error().message.c_str());
        QCOMPARE(meta->shape, (cs::Shape{4, 6}));
        QCOMPARE(meta->chunk_shape, (cs::Shape{2, 3}));
        QCOMPARE(meta->dimension_names, (std::vector<std::string>{"y", ""}));
        QCOMPARE(meta->key_encoding.separator, '/');
        auto doc = z3::array_metadata_to_json(*meta);
        QVERIFY(doc.has_value());
        auto again = z3::parse_array_metadata(*doc, "again");
        QVERIFY(again.has_value());
        QVERIFY(z3::array_metadata_to_json(*again) == *doc);
        QVERIFY(*doc->find("fill_value") == Json("NaN"));
    }

    void rejectsBadMetadata_data() {
        QTest::addColumn<QString>("doc");
        QTest::addColumn<QString>("needle");
        QTest::newRow("format 2") << R"({"zarr_format": 2, "node_type": "array"})"
                                  << "zarr_format";
        QTest::newRow("node type") << R"({"zarr_format": 3, "node_type": "thing"})"
                                   << "node_type";
        QTest::newRow("not object") << "[1]"
                                    << "not a JSON object";
        QTest::newRow("unknown extension")
            << R"({"zarr_format": 3, "node_type": "array", "shape": [1], "data_type": "int8",
                 "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1]}},
                 "chunk_key_encoding": {"name": "default"}, "fill_value": 0,
                 "codecs": [{"name": "bytes"}], "weird": {"must_understand": true}})"
            << "unknown extension";
        QTest::newRow("rank mismatch")
            << R"({"zarr_format": 3, "node_type": "array", "shape": [1, 2], "data_type": "int8",
                 "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1]}},
                 "chunk_key_encoding": {"name": "default"}, "fill_value": 0, "codecs": []})"
            << "rank";
        QTest::newRow("bad key encoding")
            << R"({"zarr_format": 3, "node_type": "array", "shape": [1], "data_type": "int8",
                 "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1]}},
                 "chunk_key_encoding": {"name": "fancy"}, "fill_value": 0, "codecs": []})"
            << "chunk_key_encoding";
        QTest::newRow("unknown data type")
            << R"({"zarr_format": 3, "node_type": "array", "shape": [1], "data_type": "quad",
                 "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [1]}},
                 "chunk_key_encoding": {"name": "default"}, "fill_value": 0, "codecs": []})"
            << "unknown data_type 'quad'";
    }
    void rejectsBadMetadata() {
        QFETCH(QString, doc);
        QFETCH(QString, needle);
        auto meta = z3::parse_array_metadata(parse(doc.toUtf8().constData()), "x/zarr.json");
        QVERIFY(!meta.has_value());
        QVERIFY2(meta.error().message.find(needle.toStdString()) != std::string::npos,
                 meta.error().message.c_str());
        QVERIFY(meta.error().message.find("x/zarr.json") != std::string::npos);
    }

    void ignoresExtensionsThatNeedNotBeUnderstood() {
        Json doc = array_doc("\"int8\"", "0");
        Json ext = Json::object();
        ext["must_understand"] = Json(false);
        doc["future_thing"] = ext;
        QVERIFY(z3::parse_array_metadata(doc, "t").has_value());
    }

    void groupWithConsolidatedMetadata() {
        auto g = z3::parse_group_metadata(
            parse(R"({"zarr_format": 3, "node_type": "group", "attributes": {"k": "v"},
                     "consolidated_metadata": {"kind": "inline", "must_understand": false,
                     "metadata": {"sub": {"zarr_format": 3, "node_type": "group"}}}})"),
            "t");
        QVERIFY(g.has_value());
        QVERIFY(g->consolidated.has_value());
        QCOMPARE(g->consolidated->size(), std::size_t{1});
        QVERIFY(*g->attributes.find("k") == Json("v"));
    }
};

QTEST_GUILESS_MAIN(TestZarr3Metadata)
#include "tst_zarr3_metadata.moc"
