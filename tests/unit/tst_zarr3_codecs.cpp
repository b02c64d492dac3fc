// The v3 codec chain: transpose (every permutation of a 3-d chunk), bytes in both byte orders,
// the bytes->bytes codecs, chain order rules and the errors for broken chains.
#include <QtTest>

#include <algorithm>
#include <cstring>
#include <numeric>

#include "core/zarr/v3/codec_chain.h"
#include "core/zarr/v3/data_type.h"
#include "unit/tst_zarr3_util.h"

using cs::Bytes;
using cs::Json;
using cs::test::parse;
namespace z3 = cs::zarr3;

namespace {

cs::DType dtype(const char* name) {
    return *z3::parse_data_type(Json(name), "t");
}

Bytes iota_bytes(std::size_t n, std::size_t itemsize) {
    Bytes b(n * itemsize);
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return b;
}

}  // namespace

class TestZarr3Codecs : public QObject {
    Q_OBJECT
private slots:
    void transposeEveryPermutation() {
        const cs::Shape shape{2, 3, 4};
        std::vector<int> perm{0, 1, 2};
        do {
            const std::string codecs =
                R"([{"name": "transpose", "configuration": {"order": [)" + std::to_string(perm[0]) +
                "," + std::to_string(perm[1]) + "," + std::to_string(perm[2]) +
                R"(]}}, {"name": "bytes", "configuration": {"endian": "little"}}])";
            auto chain =
                z3::CodecChain::from_json(parse(codecs), dtype("int16"), shape, std::nullopt, "t");
            QVERIFY2(chain.has_value(), chain ? "" : chain.error().message.c_str());
            const Bytes in = iota_bytes(24, 2);
            auto enc = chain->encode(in);
            QVERIFY(enc.has_value());
            // Element (i, j, k) of the chunk sits at its transposed position in the stored bytes.
            const std::uint64_t idx[3] = {1, 2, 3};
            const std::uint64_t src = (idx[0] * 3 + idx[1]) * 4 + idx[2];
            std::uint64_t dst = 0;
            for (int a = 0; a < 3; ++a) dst = dst * shape[perm[a]] + idx[perm[a]];
            QCOMPARE(std::memcmp(enc->data() + dst * 2, in.data() + src * 2, 2), 0);
            auto dec = chain->decode(*enc);
            QVERIFY(dec.has_value());
            QVERIFY(*dec == in);
        } while (std::next_permutation(perm.begin(), perm.end()));
    }

    void bytesBigEndianSwapsEachWordAndComplexHalves() {
        auto chain = z3::CodecChain::from_json(
            parse(R"([{"name": "bytes", "configuration": {"endian": "big"}}])"), dtype("complex64"),
            {1}, std::nullopt, "t");
        QVERIFY(chain.has_value());
        Bytes in{1, 2, 3, 4, 5, 6, 7, 8};
        auto enc = chain->encode(in);
        QVERIFY(enc.has_value());
        QVERIFY((*enc == Bytes{4, 3, 2, 1, 8, 7, 6, 5}));
        QVERIFY(*chain->decode(*enc) == in);
    }

    void compressorsRoundTrip_data() {
        QTest::addColumn<QString>("codec");
        QTest::newRow("gzip") << R"({"name": "gzip", "configuration": {"level": 5}})";
        QTest::newRow("zstd")
            << R"({"name": "zstd", "configuration": {"level": 3, "checksum": false}})";
        QTest::newRow("zstd checksum")
            << R"({"name": "zstd", "configuration": {"level": 1, "checksum": true}})";
        QTest::newRow("blosc")
            << R"({"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 4, "blocksize": 0}})";
        QTest::newRow("blosc bitshuffle")
            << R"({"name": "blosc", "configuration": {"cname": "zstd", "clevel": 3, "shuffle": "bitshuffle", "typesize": 4, "blocksize": 0}})";
        QTest::newRow("crc32c") << R"({"name": "crc32c"})";
    }
    void compressorsRoundTrip() {
        QFETCH(QString, codec);
        const std::string codecs =
            R"([{"name": "bytes", "configuration": {"endian": "little"}}, )" + codec.toStdString() +
            R"(, {"name": "crc32c"}])";
        auto chain = z3::CodecChain::from_json(parse(codecs), dtype("float32"), {100, 10},
                                               std::nullopt, "t");
        QVERIFY2(chain.has_value(), chain ? "" : chain.error().message.c_str());
        const Bytes in = iota_bytes(1000, 4);
        auto enc = chain->encode(in);
        QVERIFY2(enc.has_value(), enc ? "" : enc.error().message.c_str());
        auto dec = chain->decode(*enc);
        QVERIFY2(dec.has_value(), dec ? "" : dec.error().message.c_str());
        QVERIFY(*dec == in);
        // The configuration written back parses to the same chain.
        auto again = z3::CodecChain::from_json(chain->to_json(), dtype("float32"), {100, 10},
                                               std::nullopt, "t");
        QVERIFY(again.has_value());
        QVERIFY(again->to_json() == chain->to_json());
    }

    void zstdChecksumCatchesCorruption() {
        auto chain = z3::CodecChain::from_json(
            parse(R"([{"name": "bytes", "configuration": {"endian": "little"}},
                      {"name": "zstd", "configuration": {"level": 1, "checksum": true}}])"),
            dtype("uint8"), {64}, std::nullopt, "t");
        QVERIFY(chain.has_value());
        Bytes in(64);
        std::iota(in.begin(), in.end(), 0);
        auto enc = chain->encode(in);
        (*enc)[enc->size() - 1] ^= 0xFF;  // the frame checksum's last byte
        auto dec = chain->decode(*enc);
        QVERIFY(!dec.has_value());
        QCOMPARE(dec.error().code, cs::ErrorCode::Corrupt);
    }

    void rejectsBrokenChains_data() {
        QTest::addColumn<QString>("codecs");
        QTest::addColumn<QString>("needle");
        QTest::newRow("no array->bytes") << R"([{"name": "gzip", "configuration": {"level": 1}}])"
                                         << "no array->bytes codec";
        QTest::newRow("empty") << "[]"
                               << "no array->bytes codec";
        QTest::newRow("unknown codec")
            << R"([{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "lzham"}])"
            << "unknown codec 'lzham'";
        QTest::newRow("two array->bytes")
            << R"([{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "bytes", "configuration": {"endian": "little"}}])"
            << "out of place";
        QTest::newRow("transpose after bytes")
            << R"([{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "transpose", "configuration": {"order": [1, 0]}}])"
            << "out of place";
        QTest::newRow("bad permutation")
            << R"([{"name": "transpose", "configuration": {"order": [0, 0]}}, {"name": "bytes", "configuration": {"endian": "little"}}])"
            << "not a permutation";
        QTest::newRow("missing endian") << R"([{"name": "bytes"}])"
                                        << "endian";
        QTest::newRow("bad shuffle")
            << R"([{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 1, "shuffle": "twice", "typesize": 4}}])"
            << "shuffle";
        QTest::newRow("nameless") << R"([{"configuration": {}}])"
                                  << "no \"name\"";
    }
    void rejectsBrokenChains() {
        QFETCH(QString, codecs);
        QFETCH(QString, needle);
        auto chain = z3::CodecChain::from_json(parse(codecs.toStdString()), dtype("int32"), {4, 4},
                                               std::nullopt, "arr/zarr.json");
        QVERIFY(!chain.has_value());
        QVERIFY2(chain.error().message.find(needle.toStdString()) != std::string::npos,
                 chain.error().message.c_str());
        QVERIFY(chain.error().message.find("arr/zarr.json") != std::string::npos);
    }

    void truncatedChunkIsAnError() {
        auto chain = z3::CodecChain::from_json(
            parse(R"([{"name": "bytes", "configuration": {"endian": "little"}}])"), dtype("int32"),
            {4}, std::nullopt, "t");
        auto dec = chain->decode(Bytes(15));
        QVERIFY(!dec.has_value());
        QCOMPARE(dec.error().code, cs::ErrorCode::Corrupt);
    }
};

QTEST_GUILESS_MAIN(TestZarr3Codecs)
#include "tst_zarr3_codecs.moc"
