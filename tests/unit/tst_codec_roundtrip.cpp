// Every codec, several configurations and element sizes: encode then decode gives the input
// back, with and without the expected size; config() survives make_codec(config()); one codec
// object decodes from several threads at once.
#include <QtTest>

#include <zstd.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <random>
#include <thread>

#include "core/codec/byte_shuffle.h"
#include "core/codec/codec.h"

namespace {

struct Case {
    const char* config;
    std::size_t element_size;
    const char* element = nullptr;  // the test data's dtype; unsigned bytes of element_size if null
};

QString element_of(const Case& c) {
    return c.element ? QString(c.element) : QString("<u%1").arg(c.element_size);
}

// Configurations that cover each codec's parameters; delta's element size is its dtype's.
const Case kCases[] = {
    {R"({"id": "blosc"})", 1},
    {R"({"id": "blosc", "cname": "blosclz", "clevel": 9, "shuffle": 0, "blocksize": 0})", 4},
    {R"({"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1, "blocksize": 0})", 8},
    {R"({"id": "blosc", "cname": "lz4hc", "clevel": 3, "shuffle": 2, "blocksize": 0})", 2},
    {R"({"id": "blosc", "cname": "zlib", "clevel": 1, "shuffle": -1, "blocksize": 0})", 1},
    {R"({"id": "blosc", "cname": "zstd", "clevel": 7, "shuffle": -1, "blocksize": 4096})", 4},
    {R"({"id": "blosc", "cname": "lz4", "clevel": 0, "shuffle": 1, "blocksize": 0})", 4},
    {R"({"id": "zlib", "level": 1})", 1},
    {R"({"id": "zlib", "level": 0})", 1},
    {R"({"id": "zlib", "level": 9})", 1},
    {R"({"id": "gzip", "level": 1})", 1},
    {R"({"id": "gzip", "level": 6})", 1},
    {R"({"id": "zstd"})", 1},
    {R"({"id": "zstd", "level": 19})", 1},
    {R"({"id": "zstd", "level": -5})", 1},
    {R"({"id": "lz4", "acceleration": 1})", 1},
    {R"({"id": "lz4", "acceleration": 50})", 1},
    {R"({"id": "bz2", "level": 1})", 1},
    {R"({"id": "bz2", "level": 9})", 1},
    {R"({"id": "lzma"})", 1},
    {R"({"id": "lzma", "format": 1, "check": 0, "preset": 1, "filters": null})", 1},
    {R"({"id": "lzma", "format": 2, "check": -1, "preset": 3, "filters": null})", 1},
    {R"({"id": "lzma", "format": 3, "check": -1, "preset": null,
         "filters": [{"id": 3, "dist": 4}, {"id": 33, "preset": 1}]})",
     1},
    {R"({"id": "lzma", "format": 1, "check": 10, "preset": null,
         "filters": [{"id": 33, "preset": 2, "dict_size": 65536}]})",
     1},
    {R"({"id": "delta", "dtype": "<i4", "astype": "<i4"})", 4, "<i4"},
    {R"({"id": "delta", "dtype": ">i2", "astype": "|i1"})", 2, ">i2"},
    {R"({"id": "delta", "dtype": "|u1", "astype": "|u1"})", 1, "|u1"},
    {R"({"id": "delta", "dtype": "<u8", "astype": ">u8"})", 8, "<u8"},
    {R"({"id": "delta", "dtype": "<i8", "astype": "<i4"})", 8, "<i8"},
    {R"({"id": "delta", "dtype": ">f8", "astype": ">f8"})", 8, ">f8"},
    {R"({"id": "delta", "dtype": "<f4", "astype": "<f4"})", 4, "<f4"},
    {R"({"id": "delta", "dtype": "<f2", "astype": "<f2"})", 2, "<f2"},
};

cs::Json parse(const char* text) {
    auto json = cs::parse_json(text, "test config");
    if (!json) qFatal("%s", json.error().message.c_str());
    return *json;
}

// Values 0..99 stored as `element` ("<i4", ">f8", "<f2"...; "|u1" for plain bytes): delta
// filters reproduce them exactly (steps fit in any astype, float sums of small integers are
// exact) and every compressor still sees structured or random data.
cs::Bytes make_data(const QString& kind, std::size_t elements, const QString& element) {
    const bool big = element[0] == '>';
    const QChar type = element[1];
    const std::size_t size = element.mid(2).toUInt();
    cs::Bytes out;
    out.resize(elements * size);
    std::mt19937 rng(1234);
    for (std::size_t i = 0; i < elements; ++i) {
        int v = 0;
        if (kind == "arange") v = static_cast<int>(i % 100);
        if (kind == "random") v = static_cast<int>(rng() % 100);
        std::uint64_t bits = static_cast<std::uint64_t>(v);
        if (type == 'f' && size == 8) bits = std::bit_cast<std::uint64_t>(double(v));
        if (type == 'f' && size == 4) bits = std::bit_cast<std::uint32_t>(float(v));
        if (type == 'f' && size == 2) {
            // v < 2048 is exact in binary16: exponent and mantissa by hand.
            int e = 0;
            while ((v >> e) > 1) ++e;
            bits = v == 0 ? 0 : ((e + 15) << 10) | ((v << (10 - e)) & 0x3ff);
        }
        for (std::size_t b = 0; b < size; ++b) {
            out[i * size + (big ? size - 1 - b : b)] = static_cast<std::uint8_t>(bits >> (8 * b));
        }
    }
    return out;
}

std::string describe(const cs::Result<cs::Bytes>& r) {
    return r ? std::string("ok") : r.error().describe();
}

}  // namespace

class TestCodecRoundtrip : public QObject {
    Q_OBJECT
private slots:
    // The SSE2 unshuffle (2-, 4- and 8-byte items, 16 items a step) and the byte loop for the
    // rest against the definition: item i's byte b sits at b * n + i once shuffled, and a tail
    // under one item stays in place. Sizes around the 16-item steps, item sizes 1 to 17.
    void byteShuffleFollowsItsDefinition() {
        std::mt19937 rng(5);
        for (std::size_t item = 1; item <= 17; ++item) {
            for (std::size_t bytes : {std::size_t{0}, item - 1, item, 15 * item, 16 * item + 3,
                                      33 * item, 1000 * item + item / 2}) {
                cs::Bytes plain(bytes);
                for (auto& b : plain) b = static_cast<std::uint8_t>(rng());
                const std::size_t n = bytes / item;
                cs::Bytes want(bytes);
                for (std::size_t i = 0; i < n; ++i)
                    for (std::size_t b = 0; b < item; ++b) want[b * n + i] = plain[i * item + b];
                std::copy(plain.begin() + static_cast<std::ptrdiff_t>(n * item), plain.end(),
                          want.begin() + static_cast<std::ptrdiff_t>(n * item));
                cs::Bytes shuffled(bytes), back(bytes);
                cs::shuffle_bytes(plain.data(), shuffled.data(), bytes, item);
                QVERIFY2(shuffled == want,
                         qPrintable(QString("shuffle, item %1, %2 bytes").arg(item).arg(bytes)));
                cs::unshuffle_bytes(want.data(), back.data(), bytes, item);
                QVERIFY2(back == plain,
                         qPrintable(QString("unshuffle, item %1, %2 bytes").arg(item).arg(bytes)));
            }
        }
    }

    void roundtrips_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<int>("elementSize");
        QTest::addColumn<QString>("element");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("elements");
        for (const Case& c : kCases) {
            for (const char* kind : {"arange", "random", "zeros"}) {
                for (int elements : {0, 1, 7, 1000, 20000}) {
                    const QString name = QString("%1 es%2 %3 n%4")
                                             .arg(QString(c.config).simplified())
                                             .arg(c.element_size)
                                             .arg(kind)
                                             .arg(elements);
                    QTest::newRow(name.toUtf8().constData())
                        << QString(c.config) << int(c.element_size) << element_of(c)
                        << QString(kind) << elements;
                }
            }
        }
    }
    void roundtrips() {
        QFETCH(QString, config);
        QFETCH(int, elementSize);
        QFETCH(QString, element);
        QFETCH(QString, kind);
        QFETCH(int, elements);
        auto codec = cs::make_codec(parse(config.toUtf8().constData()), elementSize);
        QVERIFY2(codec.has_value(), codec ? "" : codec.error().describe().c_str());
        const cs::Bytes input = make_data(kind, elements, element);
        auto encoded = (*codec)->encode(input);
        QVERIFY2(encoded.has_value(), describe(encoded).c_str());
        auto decoded = (*codec)->decode(*encoded, input.size());
        QVERIFY2(decoded.has_value(), describe(decoded).c_str());
        QVERIFY(*decoded == input);
        auto unbounded = (*codec)->decode(*encoded, std::nullopt);
        QVERIFY2(unbounded.has_value(), describe(unbounded).c_str());
        QVERIFY(*unbounded == input);
    }

    void randomBytesRoundtripThroughCompressors() {
        std::mt19937 rng(99);
        cs::Bytes input(100003);
        for (auto& b : input) b = static_cast<std::uint8_t>(rng());
        for (const Case& c : kCases) {
            auto codec = cs::make_codec(parse(c.config), c.element_size);
            QVERIFY(codec.has_value());
            if ((*codec)->id() == "delta") continue;  // raw bytes need not be whole elements
            auto encoded = (*codec)->encode(input);
            QVERIFY2(encoded.has_value(), c.config);
            auto decoded = (*codec)->decode(*encoded, input.size());
            QVERIFY2(decoded.has_value() && *decoded == input, c.config);
        }
    }

    void configSurvivesMakeCodec() {
        for (const Case& c : kCases) {
            auto codec = cs::make_codec(parse(c.config), c.element_size);
            QVERIFY2(codec.has_value(), c.config);
            const cs::Json config = (*codec)->config();
            QCOMPARE(QString::fromStdString(config.find("id")->as_string()),
                     QString::fromStdString((*codec)->id()));
            auto again = cs::make_codec(config, c.element_size);
            QVERIFY2(again.has_value(), c.config);
            QCOMPARE(QString::fromStdString(cs::write_json((*again)->config())),
                     QString::fromStdString(cs::write_json(config)));
        }
    }

    void defaultsAreNumcodecsDefaults() {
        const std::pair<const char*, const char*> expected[] = {
            {R"({"id": "blosc"})",
             R"({"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1, "blocksize": 0})"},
            {R"({"id": "zlib"})", R"({"id": "zlib", "level": 1})"},
            {R"({"id": "gzip"})", R"({"id": "gzip", "level": 1})"},
            {R"({"id": "zstd"})", R"({"id": "zstd", "level": 1})"},
            {R"({"id": "lz4"})", R"({"id": "lz4", "acceleration": 1})"},
            {R"({"id": "bz2"})", R"({"id": "bz2", "level": 1})"},
            {R"({"id": "lzma"})",
             R"({"id": "lzma", "format": 1, "check": -1, "preset": null, "filters": null})"},
            {R"({"id": "delta", "dtype": "i2"})",
             R"({"id": "delta", "dtype": "<i2", "astype": "<i2"})"},
            {R"({"id": "delta", "dtype": "int16", "astype": "u1"})",
             R"({"id": "delta", "dtype": "<i2", "astype": "|u1"})"},
        };
        for (const auto& [in, out] : expected) {
            auto codec = cs::make_codec(parse(in));
            QVERIFY2(codec.has_value(), in);
            QCOMPARE(QString::fromStdString(cs::write_json((*codec)->config())), QString(out));
        }
    }

    void registryListsEveryCodec() {
        const std::vector<std::string> ids = cs::registered_codec_ids();
        const std::vector<std::string> expected{"blosc", "bz2",  "delta", "gzip",
                                                "lz4",   "lzma", "zlib",  "zstd"};
        QVERIFY(ids == expected);
    }

    void deltaReportsItsEncodedSize() {
        auto delta = cs::make_codec(parse(R"({"id": "delta", "dtype": "<i8", "astype": "<i2"})"));
        QVERIFY(delta.has_value());
        QCOMPARE((*delta)->encoded_size(80), std::optional<std::size_t>(20));
        auto zlib = cs::make_codec(parse(R"({"id": "zlib"})"));
        QCOMPARE((*zlib)->encoded_size(80), std::optional<std::size_t>());
    }

    // Streaming zstd compressors write frames without a content size; numcodecs refuses them,
    // we decode them, still bounded by the expected size. Concatenated frames decode as one.
    void zstdDecodesFramesWithoutContentSize() {
        const cs::Bytes input = make_data("random", 50000, "<u4");
        ZSTD_CCtx* cctx = ZSTD_createCCtx();
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);
        cs::Bytes frame(ZSTD_compressBound(input.size()));
        const std::size_t n =
            ZSTD_compress2(cctx, frame.data(), frame.size(), input.data(), input.size());
        ZSTD_freeCCtx(cctx);
        QVERIFY(!ZSTD_isError(n));
        frame.resize(n);
        QCOMPARE(ZSTD_getFrameContentSize(frame.data(), frame.size()), ZSTD_CONTENTSIZE_UNKNOWN);
        auto zstd = cs::make_codec(parse(R"({"id": "zstd"})"));
        QVERIFY(zstd);
        auto decoded = (*zstd)->decode(frame, input.size());
        QVERIFY2(decoded && *decoded == input, describe(decoded).c_str());
        decoded = (*zstd)->decode(frame, std::nullopt);
        QVERIFY2(decoded && *decoded == input, describe(decoded).c_str());
        decoded = (*zstd)->decode(frame, input.size() - 1);
        QVERIFY(!decoded && decoded.error().code == cs::ErrorCode::Corrupt);

        auto known = (*zstd)->encode(input);
        QVERIFY(known);
        cs::Bytes two = *known;
        two.insert(two.end(), known->begin(), known->end());
        decoded = (*zstd)->decode(two, 2 * input.size());
        QVERIFY(decoded);
        QVERIFY(std::equal(input.begin(), input.end(), decoded->begin()));
        QVERIFY(std::equal(input.begin(), input.end(), decoded->begin() + input.size()));
    }

    // Python's gzip reads members one after another and skips zero padding; zlib.decompress
    // ignores bytes after the stream. numcodecs decodes through both, and so do we.
    void gzipAndZlibReadWhatPythonReads() {
        const cs::Bytes input = make_data("arange", 3000, "<u2");
        auto gzip = cs::make_codec(parse(R"({"id": "gzip"})"));
        QVERIFY(gzip);
        auto member = (*gzip)->encode(input);
        QVERIFY(member);
        cs::Bytes two = *member;
        two.insert(two.end(), member->begin(), member->end());
        two.insert(two.end(), 5, 0);
        auto decoded = (*gzip)->decode(two, 2 * input.size());
        QVERIFY2(decoded, describe(decoded).c_str());
        QVERIFY(std::equal(input.begin(), input.end(), decoded->begin() + input.size()));
        two.push_back(0x42);  // garbage after the padding is not a gzip member
        decoded = (*gzip)->decode(two, 2 * input.size());
        QVERIFY(!decoded && decoded.error().code == cs::ErrorCode::Corrupt);

        auto zlib = cs::make_codec(parse(R"({"id": "zlib"})"));
        QVERIFY(zlib);
        auto stream = (*zlib)->encode(input);
        QVERIFY(stream);
        stream->push_back(0x42);
        decoded = (*zlib)->decode(*stream, input.size());
        QVERIFY2(decoded && *decoded == input, describe(decoded).c_str());
    }

    void oneCodecDecodesOnManyThreads() {
        for (const Case& c : kCases) {
            auto codec = cs::make_codec(parse(c.config), c.element_size);
            QVERIFY(codec.has_value());
            const cs::Bytes input = make_data("random", 20000, element_of(c));
            auto encoded = (*codec)->encode(input);
            QVERIFY(encoded.has_value());
            std::atomic<int> failures{0};
            std::vector<std::thread> threads;
            for (int t = 0; t < 4; ++t) {
                threads.emplace_back([&] {
                    for (int i = 0; i < 10; ++i) {
                        auto again = (*codec)->encode(input);
                        auto decoded = (*codec)->decode(*encoded, input.size());
                        if (!again || *again != *encoded || !decoded || *decoded != input) {
                            ++failures;
                        }
                    }
                });
            }
            for (auto& t : threads) t.join();
            QVERIFY2(failures == 0, c.config);
        }
    }
};

QTEST_GUILESS_MAIN(TestCodecRoundtrip)
#include "tst_codec_roundtrip.moc"
