// Element decoding for display: byte order, every numeric kind, strings and records.
#include <QtTest>

#include <bit>
#include <cstring>

#include "ui/data/element_format.h"
#include "ui/format/display_format.h"

using cs::DType;
using cs::DTypeKind;
using cs::Endian;

namespace {
DType make(DTypeKind kind, std::size_t size, Endian endian = Endian::Little) {
    DType d;
    d.kind = kind;
    d.itemsize = size;
    d.endian = endian;
    return d;
}
}  // namespace

class TestElementFormat : public QObject {
    Q_OBJECT
private slots:
    void numbers() {
        const std::uint8_t be16[] = {0xff, 0xf8};  // -8 as >i2
        QCOMPARE(cs::ui::formatElement(be16, make(DTypeKind::Int, 2, Endian::Big)),
                 QStringLiteral("-8"));
        QCOMPARE(cs::ui::elementToDouble(be16, make(DTypeKind::Int, 2, Endian::Big)), -8.0);
        const std::uint8_t le16[] = {0xf8, 0xff};
        QCOMPARE(cs::ui::formatElement(le16, make(DTypeKind::Int, 2)), QStringLiteral("-8"));
        QCOMPARE(cs::ui::formatElement(le16, make(DTypeKind::UInt, 2)), QStringLiteral("65528"));

        const double v = 2.5;
        std::uint8_t f8[8];
        std::memcpy(f8, &v, 8);
        QCOMPARE(cs::ui::formatElement(f8, make(DTypeKind::Float, 8)), QStringLiteral("2.5"));
        std::uint8_t f8be[8];
        for (int i = 0; i < 8; ++i) f8be[i] = f8[7 - i];
        QCOMPARE(cs::ui::elementToDouble(f8be, make(DTypeKind::Float, 8, Endian::Big)), 2.5);

        const std::uint8_t half[] = {0x00, 0x3c};  // 1.0 as <f2
        QCOMPARE(cs::ui::elementToDouble(half, make(DTypeKind::Float, 2)), 1.0);
        const float nan = std::nanf("");
        std::uint8_t f4[4];
        std::memcpy(f4, &nan, 4);
        QCOMPARE(cs::ui::formatElement(f4, make(DTypeKind::Float, 4)), QStringLiteral("nan"));

        const float parts[2] = {1.5f, -2.0f};
        std::uint8_t c8[8];
        std::memcpy(c8, parts, 8);
        QCOMPARE(cs::ui::formatElement(c8, make(DTypeKind::Complex, 8)), QStringLiteral("1.5-2j"));
        const std::uint8_t yes[] = {1};
        QCOMPARE(cs::ui::formatElement(yes, make(DTypeKind::Bool, 1, Endian::NotApplicable)),
                 QStringLiteral("True"));
        const std::int64_t big = -1234567890123456789;
        std::uint8_t i8[8];
        std::memcpy(i8, &big, 8);
        QCOMPARE(cs::ui::formatElement(i8, make(DTypeKind::Int, 8)),
                 QStringLiteral("-1234567890123456789"));
    }

    void textAndRecords() {
        const std::uint8_t s5[] = {'b', 'e', 't', 'a', 0};
        QCOMPARE(cs::ui::formatElement(s5, make(DTypeKind::Bytes, 5, Endian::NotApplicable)),
                 QStringLiteral("b'beta'"));
        const std::uint8_t binary[] = {0x01, 0xff};
        QCOMPARE(cs::ui::formatElement(binary, make(DTypeKind::Bytes, 2, Endian::NotApplicable)),
                 QStringLiteral("0x01ff"));
        const char32_t u[3] = {U'é', U'x', 0};
        std::uint8_t u3[12];
        std::memcpy(u3, u, 12);
        QCOMPARE(cs::ui::formatElement(u3, make(DTypeKind::Unicode, 12)), QStringLiteral("éx"));
        const std::uint8_t rec[] = {0xde, 0xad, 0xbe, 0xef};
        QCOMPARE(cs::ui::formatElement(rec, make(DTypeKind::Structured, 4, Endian::NotApplicable)),
                 QStringLiteral("0xdeadbeef"));
        QVERIFY(std::isnan(
            cs::ui::elementToDouble(rec, make(DTypeKind::Structured, 4, Endian::NotApplicable))));
        QVERIFY(!cs::ui::isNumeric(make(DTypeKind::Unicode, 4)));
    }

    void displayFormat() {
        QCOMPARE(cs::ui::formatBytes(512), QStringLiteral("512 B"));
        QCOMPARE(cs::ui::formatBytes(1536), QStringLiteral("1.50 KiB"));
        QCOMPARE(cs::ui::formatShape({}), QStringLiteral("()"));
        QCOMPARE(cs::ui::formatShape({7}), QStringLiteral("(7,)"));
        QCOMPARE(cs::ui::formatShape({6, 5, 4}), QStringLiteral("(6, 5, 4)"));
        QCOMPARE(cs::ui::formatCount(1234567), QStringLiteral("1,234,567"));
        QVERIFY(!cs::ui::compressionRatio(100, std::nullopt));
        QCOMPARE(*cs::ui::compressionRatio(100, 25), 4.0);
    }
};

QTEST_GUILESS_MAIN(TestElementFormat)
#include "tst_element_format.moc"
