// .zarray parsing, validation and writing, and fill value decoding, against documents exactly as
// zarr-python 2.13 writes them.
#include <QtTest>

#include <cmath>
#include <cstring>

#include "core/zarr/zarr_fill_value.h"
#include "core/zarr/zarr_metadata.h"
#include "core/zarr/zarr_python_repr.h"

using namespace cs;

namespace {

std::string zarray(const std::string& dtype, const std::string& fill,
                   const std::string& extra = "") {
    return R"({"chunks": [2, 3], "compressor": null, "dtype": )" + dtype + R"(, "fill_value": )" +
           fill + R"(, "filters": null, "order": "C", "shape": [4, 5],)" + extra +
           R"( "zarr_format": 2})";
}

Bytes fill_of(const std::string& dtype, const std::string& fill) {
    auto m = parse_zarray(zarray(dtype, fill), "t/.zarray");
    if (!m) qFatal("%s", m.error().message.c_str());
    if (!m->fill_bytes) return {};
    return *m->fill_bytes;
}

template <class T>
T fill_as(const std::string& dtype, const std::string& fill) {
    Bytes b = fill_of(dtype, fill);
    T v{};
    if (b.size() != sizeof(T)) qFatal("fill size %zu", b.size());
    std::memcpy(&v, b.data(), sizeof(T));
    return v;
}

}  // namespace

class TestZarrMetadata : public QObject {
    Q_OBJECT
private slots:
    void parsesZarrPythonDocument() {
        const char* text = R"({
    "chunks": [30, 30],
    "compressor": {"blocksize": 0, "clevel": 5, "cname": "lz4", "id": "blosc", "shuffle": 1},
    "dimension_separator": "/",
    "dtype": ">f8",
    "fill_value": "NaN",
    "filters": [{"astype": "<f8", "dtype": "<f8", "id": "delta"}],
    "order": "F",
    "shape": [100, 0],
    "zarr_format": 2
})";
        auto m = parse_zarray(text, "g.zarr/a/.zarray");
        QVERIFY2(m.has_value(), m ? "" : m.error().message.c_str());
        QCOMPARE(m->shape, (Shape{100, 0}));
        QCOMPARE(m->chunks, (Shape{30, 30}));
        QCOMPARE(m->dtype.endian, Endian::Big);
        QCOMPARE(m->order, 'F');
        QCOMPARE(m->dimension_separator, std::string("/"));
        QVERIFY(m->separator_written);
        QCOMPARE(m->filters.size(), std::size_t{1});
        QVERIFY(m->fill_bytes.has_value());
        // Big-endian NaN: sign/exponent byte first.
        QCOMPARE(int((*m->fill_bytes)[0]), 0x7f);
        QCOMPARE(int((*m->fill_bytes)[1]), 0xf8);
    }

    void writesLikeZarrPython() {
        auto m = parse_zarray(zarray(R"("<i4")", "0"), "t");
        QVERIFY(m.has_value());
        const std::string text = write_zarr_json(zarray_to_json(*m));
        const std::string expected =
            "{\n    \"chunks\": [\n        2,\n        3\n    ],\n"
            "    \"compressor\": null,\n    \"dtype\": \"<i4\",\n"
            "    \"fill_value\": 0,\n    \"filters\": null,\n"
            "    \"order\": \"C\",\n    \"shape\": [\n        4,\n"
            "        5\n    ],\n    \"zarr_format\": 2\n}";
        QCOMPARE(QString::fromStdString(text), QString::fromStdString(expected));
    }

    void decodesFillValues() {
        QVERIFY(fill_of(R"("<i4")", "null").empty());
        QCOMPARE(fill_as<std::int32_t>(R"("<i4")", "-7"), -7);
        QCOMPARE(fill_as<std::uint64_t>(R"("<u8")", "18446744073709551615"),
                 std::uint64_t(18446744073709551615ull));
        QVERIFY(std::isnan(fill_as<double>(R"("<f8")", R"("NaN")")));
        QCOMPARE(fill_as<double>(R"("<f8")", R"("-Infinity")"), -INFINITY);
        QCOMPARE(fill_as<float>(R"("<f4")", R"("Infinity")"), INFINITY);
        QCOMPARE(fill_as<float>(R"("<f4")", "1.5"), 1.5f);
        QCOMPARE(fill_as<std::uint16_t>(R"("<f2")", "1.0"), std::uint16_t(0x3C00));
        QCOMPARE(fill_as<std::uint16_t>(R"("<f2")", "-2.5"), std::uint16_t(0xC100));
        QCOMPARE(fill_as<std::uint16_t>(R"("<f2")", R"("NaN")"), std::uint16_t(0x7E00));
        QCOMPARE(fill_as<std::uint8_t>(R"("|b1")", "true"), std::uint8_t(1));
        QCOMPARE(fill_as<std::int64_t>(R"("<M8[ns]")", "5"), std::int64_t(5));
        QCOMPARE(fill_as<std::int16_t>(R"(">i2")", "1"), std::int16_t(0x0100));  // bytes 00 01

        Bytes c = fill_of(R"("<c8")", "[1.0, 2.0]");
        float parts[2];
        std::memcpy(parts, c.data(), 8);
        QCOMPARE(parts[0], 1.0f);
        QCOMPARE(parts[1], 2.0f);

        Bytes s = fill_of(R"("|S3")", R"("YWI=")");  // b"ab"
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(s.data()), 3), QByteArray("ab\0", 3));

        Bytes u = fill_of(R"("<U2")", R"("xé")");
        const std::uint8_t expected_u[] = {'x', 0, 0, 0, 0xE9, 0, 0, 0};
        QVERIFY(std::memcmp(u.data(), expected_u, 8) == 0);

        Bytes rec = fill_of(R"([["a", "<i2"], ["b", "|u1"]])", R"("AQAC")");  // 01 00 02
        QCOMPARE(rec.size(), std::size_t{3});
        QCOMPARE(int(rec[0]), 1);
        QCOMPARE(int(rec[2]), 2);
    }

    void normalizesFillValuesAsZarrPythonWrites() {
        DType f8 = *DType::from_numpy(Json("<f8"));
        QCOMPARE(*normalize_zarr_fill_value(Json(0), f8, "t"), Json(0.0));
        QCOMPARE(*normalize_zarr_fill_value(Json(std::nan("")), f8, "t"), Json("NaN"));
        DType c16 = *DType::from_numpy(Json("<c16"));
        auto pair = normalize_zarr_fill_value(*parse_json("[1, \"Infinity\"]", "t"), c16, "t");
        QVERIFY(pair.has_value());
        QCOMPARE(write_json(*pair), std::string("[1.0, \"Infinity\"]"));
    }

    void base64RoundTrips() {
        for (std::string s : {"", "a", "ab", "abc", "abcd", "\x01\xff\x80"}) {
            const std::string enc = base64_encode(as_bytes(s));
            auto dec = base64_decode(enc);
            QVERIFY(dec.has_value());
            QCOMPARE(std::string(dec->begin(), dec->end()), s);
        }
        QCOMPARE(base64_encode(as_bytes("ab")), std::string("YWI="));
        QVERIFY(!base64_decode("YW=I").has_value());
        QVERIFY(!base64_decode("Y").has_value());
    }

    void reprsMatchZarrPython() {
        QCOMPARE(python_tuple_repr({}), std::string("()"));
        QCOMPARE(python_tuple_repr({10}), std::string("(10,)"));
        QCOMPARE(python_tuple_repr({100, 100}), std::string("(100, 100)"));
        QCOMPARE(
            numcodecs_repr(*parse_json(
                R"({"blocksize": 0, "clevel": 5, "cname": "lz4", "id": "blosc", "shuffle": 1})",
                "t")),
            std::string("Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)"));
        QCOMPARE(numcodecs_repr(*parse_json(R"({"id": "zlib", "level": 3})", "t")),
                 std::string("Zlib(level=3)"));
        QCOMPARE(
            numcodecs_repr(*parse_json(R"({"astype": "<f8", "dtype": "<f8", "id": "delta"})", "t")),
            std::string("Delta(dtype='<f8')"));
        QCOMPARE(numcodecs_repr(Json()), std::string("None"));
        QCOMPARE(zarr_info_bytes(80), std::string("80"));
        QCOMPARE(zarr_info_bytes(40000), std::string("40000 (39.1K)"));
        QCOMPARE(zarr_info_bytes(1124), std::string("1124 (1.1K)"));
        QCOMPARE(zarr_info_bytes(3u << 20), std::string("3145728 (3.0M)"));
        QCOMPARE(numpy_dtype_str(*DType::from_numpy(Json("<i4"))), std::string("int32"));
        QCOMPARE(numpy_dtype_str(*DType::from_numpy(Json(">i4"))), std::string(">i4"));
        QCOMPARE(numpy_dtype_str(*DType::from_numpy(Json("<M8[ns]"))),
                 std::string("datetime64[ns]"));
        QCOMPARE(numpy_dtype_str(
                     *DType::from_numpy(*parse_json(R"([["a", "<i4"], ["b", ">f8"]])", "t"))),
                 std::string("[('a', '<i4'), ('b', '>f8')]"));
    }

    void rejectsBadMetadata_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::newRow("not json") << "{\"chunks\": ["
                                  << "t/.zarray";
        QTest::newRow("not object") << "[1]"
                                    << "JSON object";
        QTest::newRow("no format") << R"({"shape": [1]})"
                                   << "zarr_format";
        QTest::newRow("format 3") << R"({"zarr_format": 3})"
                                  << "zarr_format 3";
        QTest::newRow("no shape") << R"({"zarr_format": 2})"
                                  << "missing \"shape\"";
        QTest::newRow("negative shape")
            << QString::fromStdString(zarray(R"("<i4")", "0")).replace("[4, 5]", "[-4, 5]")
            << "non-negative";
        QTest::newRow("rank mismatch")
            << QString::fromStdString(zarray(R"("<i4")", "0")).replace("[2, 3]", "[2]")
            << "dimensions";
        QTest::newRow("zero chunk")
            << QString::fromStdString(zarray(R"("<i4")", "0")).replace("[2, 3]", "[2, 0]")
            << "at least 1";
        QTest::newRow("bad dtype")
            << QString::fromStdString(zarray(R"("<x4")", "0")) << "unsupported dtype";
        QTest::newRow("bad order")
            << QString::fromStdString(zarray(R"("<i4")", "0")).replace("\"C\"", "\"K\"") << "order";
        QTest::newRow("bad fill") << QString::fromStdString(zarray(R"("<i4")", "\"x\""))
                                  << "fill_value";
        QTest::newRow("fill range")
            << QString::fromStdString(zarray(R"("|u1")", "300")) << "out of range";
        QTest::newRow("bad base64")
            << QString::fromStdString(zarray(R"("|S2")", "\"!!\"")) << "base64";
        QTest::newRow("bad separator")
            << QString::fromStdString(zarray(R"("<i4")", "0", R"("dimension_separator": "-",)"))
            << "dimension_separator";
        QTest::newRow("object without codec")
            << QString::fromStdString(zarray(R"("|O")", "null")) << "vlen-utf8";
        QTest::newRow("bad compressor") << QString::fromStdString(zarray(R"("<i4")", "0"))
                                               .replace("\"compressor\": null", "\"compressor\": 5")
                                        << "compressor";
    }
    void rejectsBadMetadata() {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        auto m = parse_zarray(text.toStdString(), "t/.zarray");
        QVERIFY(!m.has_value());
        const QString message = QString::fromStdString(m.error().message);
        QVERIFY2(message.contains("t/.zarray"), qPrintable(message));
        QVERIFY2(message.contains(needle), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestZarrMetadata)
#include "tst_zarr_metadata.moc"
