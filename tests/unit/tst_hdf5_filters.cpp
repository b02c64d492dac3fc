// The HDF5 filter stages chunkscope runs itself, on synthetic bytes: round trips, the framing of
// filter 32004, per-chunk filter masks, and a clear error for every kind of bad input.
#include <QtTest>

#include <numeric>
#include <random>

#include <zlib.h>

#include "core/codec/adler32.h"
#include "core/hdf5/hdf5_filter_codecs.h"
#include "core/hdf5/hdf5_filters.h"

using namespace cs;

namespace {

Bytes counting(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>((i * 7) % 251);
    return b;
}

Bytes noise(std::size_t n, unsigned seed = 5) {
    std::mt19937 gen(seed);
    Bytes b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(gen());
    return b;
}

Hdf5Filter filter(int id, std::vector<unsigned> cd, bool optional = true) {
    Hdf5Filter f;
    f.id = id;
    f.name = id == kFilterShuffle ? "shuffle" : id == kFilterDeflate ? "deflate" : "other";
    f.flags = optional ? H5Z_FLAG_OPTIONAL : 0;
    f.cd_values = std::move(cd);
    return f;
}

bool mentions(const Error& e, const char* text) {
    return e.message.find(text) != std::string::npos;
}

}  // namespace

class TestHdf5Filters : public QObject {
    Q_OBJECT
private slots:
    void shuffleGroupsBytesAndKeepsTail() {
        const Bytes in = {0x02, 0x01, 0x04, 0x03, 0x09};  // two 2-byte elements and a tail byte
        const Bytes shuffled = hdf5_shuffle(in, 2);
        QCOMPARE(shuffled, (Bytes{0x02, 0x04, 0x01, 0x03, 0x09}));
        QCOMPARE(hdf5_unshuffle(shuffled, 2), in);
        const Bytes big = counting(1003);
        QCOMPARE(hdf5_unshuffle(hdf5_shuffle(big, 8), 8), big);
    }

    void fletcher32RoundTripsAndDetectsDamage() {
        const Bytes data = counting(999);  // odd length: the tail byte is summed too
        Bytes stored = hdf5_fletcher32_append(data);
        QCOMPARE(stored.size(), data.size() + 4);
        auto back = hdf5_fletcher32_verify(stored);
        QVERIFY2(back.has_value(), back ? "" : back.error().message.c_str());
        QCOMPARE(*back, data);
        stored[10] ^= 0x40;
        auto bad = hdf5_fletcher32_verify(stored);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Corrupt);
        QVERIFY(mentions(bad.error(), "checksum mismatch"));
        auto tiny = hdf5_fletcher32_verify(Bytes{1, 2});
        QVERIFY(!tiny);
        QVERIFY(mentions(tiny.error(), "too short"));
    }

    void fletcher32KnownValue() {
        // Two words 0x0102, 0x0304: sum1 = 0x0406, sum2 = 0x0102 + 0x0406 = 0x0508.
        QCOMPARE(hdf5_fletcher32(Bytes{1, 2, 3, 4}), std::uint32_t{0x05080406});
    }

    void inflateChecksTheChunkSize() {
        const Bytes data = counting(4000);
        auto packed = hdf5_deflate(data, 4);
        QVERIFY(packed.has_value());
        auto same = hdf5_inflate(*packed, data.size());
        QVERIFY(same.has_value());
        QCOMPARE(*same, data);
        auto unknown = hdf5_inflate(*packed, std::nullopt);
        QVERIFY(unknown.has_value());
        QCOMPARE(*unknown, data);
        auto too_small = hdf5_inflate(*packed, 3000);
        QVERIFY(!too_small);
        QCOMPARE(too_small.error().code, ErrorCode::Corrupt);
        QVERIFY(mentions(too_small.error(), "more than 3000 bytes"));
        auto too_big = hdf5_inflate(*packed, 5000);
        QVERIFY(!too_big);
        QVERIFY(mentions(too_big.error(), "4000 bytes, expected 5000"));
        Bytes cut(packed->begin(),
                  packed->begin() + static_cast<std::ptrdiff_t>(packed->size() / 2));
        auto truncated = hdf5_inflate(cut, data.size());
        QVERIFY(!truncated);
        QCOMPARE(truncated.error().code, ErrorCode::Corrupt);
        QVERIFY(!hdf5_inflate(noise(100), 100));
    }

    // The vector Adler-32 equals zlib's for every length around its 16-byte blocks and its
    // 5552-byte passes, for all-0xff bytes (the largest sums) and noise, continued across calls.
    void adler32MatchesZlib() {
        const Bytes random = noise(40000, 11);
        const Bytes ones(3 * 5552 + 48, 0xff);  // longer than the longest length tested
        for (const Bytes* data : {&random, &ones}) {
            for (std::size_t n :
                 {0, 1, 15, 16, 17, 31, 32, 5551, 5552, 5553, 5568, 11104, 11105, 16697}) {
                const std::uint32_t want =
                    static_cast<std::uint32_t>(adler32(1, data->data(), static_cast<uInt>(n)));
                QCOMPARE(adler32_update(1, data->data(), n), want);
            }
        }
        const std::uint32_t head = adler32_update(1, random.data(), 777);
        QCOMPARE(adler32_update(head, random.data() + 777, 30000),
                 static_cast<std::uint32_t>(adler32(1, random.data(), 30777)));
    }

    // The checksum after the deflate data is verified: one flipped bit in it, or a stream cut
    // inside it, is a Corrupt error, not wrong data.
    void inflateVerifiesTheAdler32() {
        const Bytes data = noise(9000, 3);
        auto packed = hdf5_deflate(data, 6);
        QVERIFY(packed.has_value());
        Bytes bad = *packed;
        bad.back() ^= 0x10;
        auto flipped = hdf5_inflate(bad, data.size());
        QVERIFY(!flipped);
        QCOMPARE(flipped.error().code, ErrorCode::Corrupt);
        QVERIFY(mentions(flipped.error(), "Adler-32"));
        Bytes cut(packed->begin(), packed->end() - 2);
        auto short_trailer = hdf5_inflate(cut, data.size());
        QVERIFY(!short_trailer);
        QVERIFY(mentions(short_trailer.error(), "checksum"));
        Bytes header = *packed;
        header[0] = 0x79;  // not deflate
        QVERIFY(!hdf5_inflate(header, data.size()));
    }

    void lz4FramingRoundTripsWithRawAndPackedBlocks() {
        Bytes mixed = counting(3000);
        const Bytes random = noise(2000);
        mixed.insert(mixed.end(), random.begin(), random.end());  // last blocks stay raw
        for (std::size_t block : {std::size_t{512}, std::size_t{1} << 20}) {
            const Bytes framed = hdf5_lz4_encode(mixed, block);
            auto back = hdf5_lz4_decode(framed, mixed.size());
            QVERIFY2(back.has_value(), back ? "" : back.error().message.c_str());
            QCOMPARE(*back, mixed);
        }
        // The header is big-endian: 8 bytes of total size, then 4 of block size.
        const Bytes framed = hdf5_lz4_encode(counting(10), 4);
        QCOMPARE(Bytes(framed.begin(), framed.begin() + 12),
                 (Bytes{0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 4}));
    }

    void lz4RejectsBadFrames() {
        const Bytes framed = hdf5_lz4_encode(counting(5000), 1024);
        auto wrong_size = hdf5_lz4_decode(framed, 4000);
        QVERIFY(!wrong_size);
        QVERIFY(mentions(wrong_size.error(), "expected 4000"));
        Bytes cut(framed.begin(), framed.end() - 10);
        auto truncated = hdf5_lz4_decode(cut, 5000);
        QVERIFY(!truncated);
        QCOMPARE(truncated.error().code, ErrorCode::Corrupt);
        Bytes huge = framed;
        huge[0] = 0x7f;  // claims an absurd decoded size
        auto capped = hdf5_lz4_decode(huge, std::nullopt);
        QVERIFY(!capped);
        QVERIFY(!hdf5_lz4_decode(Bytes{1, 2, 3}, std::nullopt));
    }

    void otherCodecsRejectGarbage() {
        const Bytes junk = noise(64);
        for (auto result : {hdf5_lzf_decode(junk, 1000), hdf5_blosc_decode(junk, 1000),
                            hdf5_bzip2_decode(junk, 1000), hdf5_blosc_decode(Bytes{1, 2}, 8)}) {
            QVERIFY(!result);
            QCOMPARE(result.error().code, ErrorCode::Corrupt);
        }
    }

    void pipelineRunsBackwardsAndHonoursTheMask() {
        const Bytes elements = counting(4096);
        const Hdf5FilterPipeline pipeline(
            {filter(kFilterShuffle, {4}), filter(kFilterDeflate, {6})}, 4);
        QVERIFY(pipeline.decodable());
        auto stored = pipeline.encode(elements);
        QVERIFY(stored.has_value());
        auto decoded = pipeline.decode(*stored, 0, elements.size());
        QVERIFY(decoded.has_value());
        QCOMPARE(*decoded, elements);
        // Mask bit 1: deflate was skipped for this chunk, only the shuffle applies.
        auto skipped = pipeline.decode(hdf5_shuffle(elements, 4), 0b10, elements.size());
        QVERIFY(skipped.has_value());
        QCOMPARE(*skipped, elements);
        // Deflate skipped but the chunk really is compressed: wrong size, a clear error.
        auto wrong = pipeline.decode(*stored, 0b10, elements.size());
        QVERIFY(!wrong);
        QVERIFY(mentions(wrong.error(), "expected 4096"));
    }

    void pipelineRefusesUnknownFilters() {
        const Hdf5FilterPipeline pipeline({filter(40000, {1, 2})}, 4);
        QVERIFY(!pipeline.decodable());
        QCOMPARE(pipeline.first_undecodable()->id, 40000);
        auto result = pipeline.decode(counting(16), 0, 16);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Unsupported);
        QVERIFY(mentions(result.error(), "40000"));
    }

    void filterDescriptionsLookLikeH5ls() {
        QCOMPARE(QString::fromStdString(filter(kFilterDeflate, {4}).describe()),
                 QString("deflate-1 OPT {4}"));
        const Json j = filter(kFilterDeflate, {9}, false).to_json();
        QCOMPARE(j.find("level")->as_int(), 9);
        QCOMPARE(j.find("optional")->as_bool(), false);
    }
};

QTEST_GUILESS_MAIN(TestHdf5Filters)
#include "tst_hdf5_filters.moc"
