// CRC-32C against the published check values (the Castagnoli check value and the iSCSI test
// vectors of RFC 3720 B.4), and the crc32c codec's append/verify behaviour.
#include <QtTest>

#include "core/zarr/v3/crc32c.h"
#include "core/zarr/v3/crc32c_codec.h"

using cs::Bytes;

class TestZarr3Crc32c : public QObject {
    Q_OBJECT
private slots:
    void knownVectors() {
        QCOMPARE(cs::zarr3::crc32c(cs::as_bytes("123456789")), 0xE3069283u);
        QCOMPARE(cs::zarr3::crc32c(cs::as_bytes("")), 0u);
        Bytes zeros(32, 0x00), ones(32, 0xFF), inc(32), dec(32);
        for (int i = 0; i < 32; ++i) {
            inc[i] = static_cast<std::uint8_t>(i);
            dec[i] = static_cast<std::uint8_t>(31 - i);
        }
        QCOMPARE(cs::zarr3::crc32c(zeros), 0x8A9136AAu);
        QCOMPARE(cs::zarr3::crc32c(ones), 0x62A8AB43u);
        QCOMPARE(cs::zarr3::crc32c(inc), 0x46DD794Eu);
        QCOMPARE(cs::zarr3::crc32c(dec), 0x113FDB5Cu);
    }

    void incrementalEqualsOneShot() {
        const auto all = cs::as_bytes("123456789");
        const std::uint32_t first = cs::zarr3::crc32c(all.first(4));
        QCOMPARE(cs::zarr3::crc32c(all.subspan(4), first), 0xE3069283u);
    }

    void codecAppendsLittleEndianChecksum() {
        cs::zarr3::Crc32cCodec codec;
        auto encoded = codec.encode(cs::to_bytes("123456789"));
        QVERIFY(encoded.has_value());
        QCOMPARE(encoded->size(), std::size_t{13});
        QCOMPARE((*encoded)[9], std::uint8_t{0x83});
        QCOMPARE((*encoded)[12], std::uint8_t{0xE3});
        auto decoded = codec.decode(*encoded, std::nullopt);
        QVERIFY(decoded.has_value());
        QCOMPARE(std::string(cs::as_string_view(*decoded)), std::string("123456789"));
    }

    void codecRejectsMismatchAndShortInput() {
        cs::zarr3::Crc32cCodec codec;
        auto encoded = codec.encode(cs::to_bytes("123456789"));
        (*encoded)[0] ^= 1;
        auto bad = codec.decode(*encoded, std::nullopt);
        QVERIFY(!bad.has_value());
        QCOMPARE(bad.error().code, cs::ErrorCode::Corrupt);
        QVERIFY(bad.error().message.find("crc32c mismatch") != std::string::npos);
        auto shrt = codec.decode(cs::to_bytes("ab"), std::nullopt);
        QVERIFY(!shrt.has_value());
        QCOMPARE(shrt.error().code, cs::ErrorCode::Corrupt);
    }
};

QTEST_GUILESS_MAIN(TestZarr3Crc32c)
#include "tst_zarr3_crc32c.moc"
