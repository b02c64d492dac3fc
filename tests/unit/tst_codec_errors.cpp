// Bad configs and bad data: every case is a clear error of the right kind, never a crash and
// never an allocation beyond the expected size (the asan preset runs this too).
#include <QtTest>

#include <random>

#include "core/codec/blosc_blocks.h"
#include "core/codec/codec.h"

namespace {

cs::Json parse(const char* text) {
    auto json = cs::parse_json(text, "test config");
    if (!json) qFatal("%s", json.error().message.c_str());
    return *json;
}

std::unique_ptr<cs::Codec> make(const char* config, std::size_t element_size = 1) {
    auto codec = cs::make_codec(parse(config), element_size);
    if (!codec) qFatal("%s", codec.error().message.c_str());
    return std::move(*codec);
}

bool mentions(const cs::Error& e, const char* text) {
    return e.message.find(text) != std::string::npos;
}

const char* const kCompressors[] = {
    R"({"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1})",
    R"({"id": "blosc", "cname": "zstd", "clevel": 3, "shuffle": 2})",
    R"({"id": "zlib", "level": 1})",
    R"({"id": "gzip", "level": 1})",
    R"({"id": "zstd", "level": 1})",
    R"({"id": "lz4", "acceleration": 1})",
    R"({"id": "bz2", "level": 1})",
    R"({"id": "lzma"})",
    R"({"id": "lzma", "format": 2})",
};

cs::Bytes sample(std::size_t n) {
    cs::Bytes data(n);
    std::mt19937 rng(7);
    for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i % 7 + rng() % 3);
    return data;
}

}  // namespace

class TestCodecErrors : public QObject {
    Q_OBJECT
private slots:
    void unknownIdIsUnsupportedAndNamed() {
        auto codec = cs::make_codec(parse(R"({"id": "snappy2000"})"));
        QVERIFY(!codec);
        QCOMPARE(codec.error().code, cs::ErrorCode::Unsupported);
        QVERIFY(mentions(codec.error(), "snappy2000"));
    }

    void malformedConfigs_data() {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("not an object") << R"([1, 2])"
                                       << "object";
        QTest::newRow("no id") << R"({"level": 1})"
                               << "id";
        QTest::newRow("id not a string") << R"({"id": 3})"
                                         << "id";
        QTest::newRow("blosc clevel 42") << R"({"id": "blosc", "clevel": 42})"
                                         << "clevel";
        QTest::newRow("blosc clevel -1") << R"({"id": "blosc", "clevel": -1})"
                                         << "clevel";
        QTest::newRow("blosc cname nope") << R"({"id": "blosc", "cname": "nope"})"
                                          << "nope";
        QTest::newRow("blosc shuffle 3") << R"({"id": "blosc", "shuffle": 3})"
                                         << "shuffle";
        QTest::newRow("blosc blocksize -4") << R"({"id": "blosc", "blocksize": -4})"
                                            << "blocksize";
        QTest::newRow("blosc clevel string") << R"({"id": "blosc", "clevel": "5"})"
                                             << "clevel";
        QTest::newRow("blosc clevel float") << R"({"id": "blosc", "clevel": 5.5})"
                                            << "clevel";
        QTest::newRow("blosc unknown key") << R"({"id": "blosc", "typesize": 4})"
                                           << "typesize";
        QTest::newRow("zlib level 10") << R"({"id": "zlib", "level": 10})"
                                       << "level";
        QTest::newRow("gzip level 42") << R"({"id": "gzip", "level": 42})"
                                       << "level";
        QTest::newRow("zstd level string") << R"({"id": "zstd", "level": "max"})"
                                           << "level";
        QTest::newRow("bz2 level 0") << R"({"id": "bz2", "level": 0})"
                                     << "level";
        QTest::newRow("lz4 acceleration huge") << R"({"id": "lz4", "acceleration": 99999999999})"
                                               << "acceleration";
        QTest::newRow("lzma format 7") << R"({"id": "lzma", "format": 7})"
                                       << "format";
        QTest::newRow("lzma check 3") << R"({"id": "lzma", "check": 3})"
                                      << "check";
        QTest::newRow("lzma check for alone") << R"({"id": "lzma", "format": 2, "check": 4})"
                                              << "FORMAT_XZ";
        QTest::newRow("lzma preset 12") << R"({"id": "lzma", "preset": 12})"
                                        << "preset";
        QTest::newRow("lzma raw without filters") << R"({"id": "lzma", "format": 3})"
                                                  << "filters";
        QTest::newRow("lzma preset and filters")
            << R"({"id": "lzma", "preset": 1, "filters": [{"id": 33}]})"
            << "preset";
        QTest::newRow("lzma unknown filter") << R"({"id": "lzma", "filters": [{"id": 99}]})"
                                             << "filters[0]";
        QTest::newRow("lzma bad filter key")
            << R"({"id": "lzma", "filters": [{"id": 33, "colour": 1}]})"
            << "colour";
        QTest::newRow("lzma alone lzma2")
            << R"({"id": "lzma", "format": 2, "filters": [{"id": 33}]})"
            << "LZMA1";
        QTest::newRow("delta no dtype") << R"({"id": "delta"})"
                                        << "dtype";
        QTest::newRow("delta complex") << R"({"id": "delta", "dtype": "<c8"})"
                                       << "<c8";
        QTest::newRow("delta bool") << R"({"id": "delta", "dtype": "|b1"})"
                                    << "|b1";
        QTest::newRow("delta bad astype") << R"({"id": "delta", "dtype": "<i4", "astype": "S3"})"
                                          << "astype";
    }
    void malformedConfigs() {
        QFETCH(QString, config);
        QFETCH(QString, mentioned);
        auto codec = cs::make_codec(parse(config.toUtf8().constData()));
        QVERIFY(!codec);
        QCOMPARE(codec.error().code, cs::ErrorCode::InvalidArgument);
        QVERIFY2(mentions(codec.error(), mentioned.toUtf8().constData()),
                 codec.error().message.c_str());
    }

    void lzmaAutoFormatDecodesButDoesNotEncode() {
        auto xz = make(R"({"id": "lzma"})");
        auto autodetect = make(R"({"id": "lzma", "format": 0})");
        const cs::Bytes data = sample(1000);
        auto encoded = xz->encode(data);
        QVERIFY(encoded);
        auto decoded = autodetect->decode(*encoded, data.size());
        QVERIFY(decoded && *decoded == data);
        auto refused = autodetect->encode(data);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, cs::ErrorCode::InvalidArgument);
    }

    // numcodecs 0.11 accepts any zstd level and compresses levels below 1 at level 1 and levels
    // above the maximum at the maximum; so do we.
    void zstdLevelsMapLikeNumcodecs() {
        const cs::Bytes data = sample(50000);
        auto level1 = make(R"({"id": "zstd", "level": 1})")->encode(data);
        auto negative = make(R"({"id": "zstd", "level": -7})")->encode(data);
        auto level22 = make(R"({"id": "zstd", "level": 22})")->encode(data);
        auto huge = make(R"({"id": "zstd", "level": 100})")->encode(data);
        QVERIFY(level1 && negative && level22 && huge);
        QVERIFY(*level1 == *negative);
        QVERIFY(*level22 == *huge);
    }

    void wrongExpectedSizeIsCorrupt_data() {
        QTest::addColumn<QString>("config");
        for (const char* c : kCompressors) QTest::newRow(c) << QString(c);
    }
    void wrongExpectedSizeIsCorrupt() {
        QFETCH(QString, config);
        auto codec = make(config.toUtf8().constData(), 4);
        const cs::Bytes data = sample(40000);
        auto encoded = codec->encode(data);
        QVERIFY(encoded);
        for (std::size_t expected :
             {std::size_t{0}, std::size_t{39999}, std::size_t{40001}, std::size_t{1} << 40}) {
            auto decoded = codec->decode(*encoded, expected);
            QVERIFY2(!decoded, config.toUtf8().constData());
            QCOMPARE(decoded.error().code, cs::ErrorCode::Corrupt);
            QVERIFY2(mentions(decoded.error(), codec->id().c_str()),
                     decoded.error().message.c_str());
        }
    }

    void truncatedDataIsCorrupt_data() { wrongExpectedSizeIsCorrupt_data(); }
    void truncatedDataIsCorrupt() {
        QFETCH(QString, config);
        auto codec = make(config.toUtf8().constData(), 4);
        const cs::Bytes data = sample(40000);
        auto encoded = codec->encode(data);
        QVERIFY(encoded);
        for (std::size_t keep : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{15},
                                 encoded->size() / 2, encoded->size() - 1}) {
            const cs::ByteSpan cut = cs::ByteSpan(*encoded).first(keep);
            for (auto expected :
                 {std::optional<std::size_t>(data.size()), std::optional<std::size_t>()}) {
                auto decoded = codec->decode(cut, expected);
                QVERIFY2(!decoded, qPrintable(QString("kept %1 bytes").arg(keep)));
                QCOMPARE(decoded.error().code, cs::ErrorCode::Corrupt);
            }
        }
    }

    // Random corruption must never crash; it is either detected or decodes to the right size.
    void flippedBytesNeverCrash_data() { wrongExpectedSizeIsCorrupt_data(); }
    void flippedBytesNeverCrash() {
        QFETCH(QString, config);
        auto codec = make(config.toUtf8().constData(), 4);
        const cs::Bytes data = sample(20000);
        auto encoded = codec->encode(data);
        QVERIFY(encoded);
        std::mt19937 rng(42);
        for (int trial = 0; trial < 200; ++trial) {
            cs::Bytes bad = *encoded;
            for (int flips = 0; flips < 1 + trial % 4; ++flips) {
                bad[rng() % bad.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
            }
            auto decoded = codec->decode(bad, data.size());
            if (decoded) {
                QCOMPARE(decoded->size(), data.size());
            } else {
                QVERIFY(decoded.error().code == cs::ErrorCode::Corrupt);
            }
        }
    }

    void garbageIsCorrupt_data() { wrongExpectedSizeIsCorrupt_data(); }
    void garbageIsCorrupt() {
        QFETCH(QString, config);
        auto codec = make(config.toUtf8().constData());
        std::mt19937 rng(5);
        for (std::size_t size : {1, 2, 16, 100, 5000}) {
            cs::Bytes garbage(size);
            for (auto& b : garbage) b = static_cast<std::uint8_t>(rng());
            auto decoded = codec->decode(garbage, std::nullopt);
            QVERIFY2(!decoded, qPrintable(QString("%1 garbage bytes decoded").arg(size)));
            QCOMPARE(decoded.error().code, cs::ErrorCode::Corrupt);
        }
    }

    void hugeClaimedSizesAreRefusedBeforeAllocating() {
        // lz4: a size prefix of 4 GiB - 1.
        auto lz4 = make(R"({"id": "lz4"})");
        const cs::Bytes lz4_bomb{0xff, 0xff, 0xff, 0xff, 0x00};
        auto r = lz4->decode(lz4_bomb, std::nullopt);
        QVERIFY(!r);
        QCOMPARE(r.error().code, cs::ErrorCode::Corrupt);
        r = lz4->decode(lz4_bomb, 100);
        QVERIFY(!r && mentions(r.error(), "expected 100"));
        // lz4: a plausible 100 MB claim that 3 bytes of LZ4 block cannot expand to.
        const cs::Bytes lz4_lie{0x00, 0xe1, 0xf5, 0x05, 0x1f, 0x00, 0x00};
        r = lz4->decode(lz4_lie, std::nullopt);
        QVERIFY(!r && mentions(r.error(), "can hold"));

        // blosc: a valid header whose nbytes claims 2 GiB.
        auto blosc = make(R"({"id": "blosc"})");
        auto encoded = blosc->encode(sample(1000));
        QVERIFY(encoded);
        cs::Bytes bomb = *encoded;
        bomb[4] = 0xf0;
        bomb[5] = 0xff;
        bomb[6] = 0xff;
        bomb[7] = 0x7f;
        r = blosc->decode(bomb, 1000);
        QVERIFY(!r);
        QCOMPARE(r.error().code, cs::ErrorCode::Corrupt);
        r = blosc->decode(bomb, std::nullopt);
        QVERIFY(!r);
        QCOMPARE(r.error().code, cs::ErrorCode::Corrupt);
        // blosc: compressed size in the header does not match the data.
        cs::Bytes longer = *encoded;
        longer.push_back(0);
        r = blosc->decode(longer, 1000);
        QVERIFY(!r && mentions(r.error(), "compressed bytes"));

        // zstd: a frame header claiming 1 TiB of content.
        auto zstd = make(R"({"id": "zstd"})");
        const cs::Bytes zstd_bomb{0x28, 0xb5, 0x2f, 0xfd, 0xc0, 0x00, 0x00, 0x00,
                                  0x00, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00};
        r = zstd->decode(zstd_bomb, std::nullopt);
        QVERIFY(!r);
        QCOMPARE(r.error().code, cs::ErrorCode::Corrupt);
    }

    // Streams without a size header: a bomb that expands past the expected size stops there.
    void streamingDecodersStopAtTheExpectedSize() {
        const cs::Bytes zeros(1 << 20, 0);
        for (const char* config :
             {R"({"id": "zlib"})", R"({"id": "gzip"})", R"({"id": "bz2"})", R"({"id": "lzma"})"}) {
            auto codec = make(config);
            auto encoded = codec->encode(zeros);
            QVERIFY(encoded);
            auto decoded = codec->decode(*encoded, 4096);
            QVERIFY2(!decoded, config);
            QCOMPARE(decoded.error().code, cs::ErrorCode::Corrupt);
            QVERIFY2(mentions(decoded.error(), "more than the expected 4096"),
                     decoded.error().message.c_str());
        }
    }

    // The block decoder reads untrusted frames too: with bytes changed anywhere (header, block
    // starts, stream lengths, data), it either declines the frame or decodes each block into
    // exactly block_bytes() bytes or reports it corrupt; never reads or writes out of bounds
    // (the asan preset runs this).
    void blockDecoderSurvivesChangedFrames() {
        std::mt19937 rng(11);
        int opened = 0, corrupt = 0;
        for (const char* cname : {"lz4", "zlib", "zstd"}) {
            auto codec = make(
                (std::string(
                     R"({"id": "blosc", "clevel": 5, "shuffle": 0, "blocksize": 128, "cname": ")") +
                 cname + "\"}")
                    .c_str(),
                2);
            auto frame = codec->encode(sample(3000));
            QVERIFY(frame);
            for (int round = 0; round < 3000; ++round) {
                cs::Bytes changed = *frame;
                const int changes = 1 + static_cast<int>(rng() % 3);
                for (int k = 0; k < changes; ++k) {
                    // Half the changes in the header and block starts, where they matter most.
                    const std::size_t at = rng() % 2
                                               ? rng() % std::min<std::size_t>(changed.size(), 64)
                                               : rng() % changed.size();
                    changed[at] = static_cast<std::uint8_t>(rng());
                }
                if (rng() % 8 == 0) changed.resize(rng() % changed.size());
                const auto decoder = cs::BloscBlockDecoder::open(changed);
                if (!decoder) continue;
                ++opened;
                QVERIFY(decoder->decoded_size() > 0);
                for (std::size_t b = 0; b < decoder->block_count(); ++b) {
                    cs::Bytes out(decoder->block_bytes(b));
                    QVERIFY(!out.empty() && out.size() <= decoder->block_size());
                    auto r = decoder->decode_block(b, out.data());
                    if (!r) {
                        QCOMPARE(r.error().code, cs::ErrorCode::Corrupt);
                        ++corrupt;
                    }
                }
            }
        }
        QVERIFY(opened > 1000);
        QVERIFY(corrupt > 100);
    }

    void deltaRejectsPartialElements() {
        auto delta = make(R"({"id": "delta", "dtype": "<i4", "astype": "<i2"})");
        const cs::Bytes odd(7, 1);
        auto encoded = delta->encode(odd);
        QVERIFY(!encoded);
        QCOMPARE(encoded.error().code, cs::ErrorCode::InvalidArgument);
        auto decoded = delta->decode(odd, std::nullopt);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().code, cs::ErrorCode::Corrupt);
        decoded = delta->decode(cs::Bytes(6, 1), 16);
        QVERIFY(!decoded && mentions(decoded.error(), "expected 16"));
    }
};

QTEST_GUILESS_MAIN(TestCodecErrors)
#include "tst_codec_errors.moc"
