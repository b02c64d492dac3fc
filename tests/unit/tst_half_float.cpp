// core/util/half_float.h: every float16 bit pattern survives the trip through float and through
// double unchanged (NaN payloads, infinities, subnormals, signed zeros), known values, rounding
// to nearest even at the halfway points, overflow and underflow, and no double rounding from a
// double. Agreement with NumPy itself is checked in tests/interop/tst_half_float_numpy.
#include <QtTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/util/half_float.h"

class TestHalfFloat : public QObject {
    Q_OBJECT
private slots:
    void everyBitPatternRoundTrips() {
        int nans = 0, subnormals = 0;
        for (std::uint32_t i = 0; i < 0x10000; ++i) {
            const auto h = static_cast<std::uint16_t>(i);
            const float f = cs::half_to_float(h);
            const double d = cs::half_to_double(h);
            QCOMPARE(cs::float_to_half(f), h);
            QCOMPARE(cs::double_to_half(d), h);
            const bool nan = (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0;
            QCOMPARE(std::isnan(f), nan);
            QCOMPARE(std::isnan(d), nan);
            QCOMPARE(std::signbit(d), (h & 0x8000) != 0);
            if (nan) {
                ++nans;
                // The payload lands at the top of the wider mantissa.
                QCOMPARE(std::bit_cast<std::uint32_t>(f) & 0x7fffffu,
                         static_cast<std::uint32_t>(h & 0x3ffu) << 13);
            } else {
                QCOMPARE(static_cast<double>(f), d);  // a float holds every half exactly
            }
            if ((h & 0x7c00) == 0 && (h & 0x3ff) != 0) {
                ++subnormals;
                QCOMPARE(std::fabs(d), std::ldexp(h & 0x3ff, -24));
            }
        }
        QCOMPARE(nans, 2 * 1023);
        QCOMPARE(subnormals, 2 * 1023);
    }

    void knownValues() {
        QCOMPARE(cs::half_to_double(0x3c00), 1.0);
        QCOMPARE(cs::half_to_double(0xc000), -2.0);
        QCOMPARE(cs::half_to_double(0x7bff), 65504.0);
        QCOMPARE(cs::half_to_double(0x0400), std::ldexp(1.0, -14));  // smallest normal
        QCOMPARE(cs::half_to_double(0x0001), std::ldexp(1.0, -24));  // smallest subnormal
        QCOMPARE(cs::half_to_double(0x3555), 0.333251953125);
        QVERIFY(std::isinf(cs::half_to_double(0x7c00)) && cs::half_to_double(0x7c00) > 0);
        QVERIFY(std::isinf(cs::half_to_float(0xfc00)) && cs::half_to_float(0xfc00) < 0);
        QVERIFY(std::signbit(cs::half_to_float(0x8000)) && cs::half_to_float(0x8000) == 0);
        QCOMPARE(cs::float_to_half(-0.0f), std::uint16_t{0x8000});
        QCOMPARE(cs::double_to_half(0.1), std::uint16_t{0x2e66});
        QCOMPARE(cs::float_to_half(std::numeric_limits<float>::quiet_NaN()), std::uint16_t{0x7e00});
        QCOMPARE(cs::double_to_half(-std::numeric_limits<double>::quiet_NaN()),
                 std::uint16_t{0xfe00});
        // A NaN whose payload lies below the half's mantissa bits stays a NaN.
        QCOMPARE(cs::float_to_half(std::bit_cast<float>(0x7f800001u)), std::uint16_t{0x7c01});
        QCOMPARE(cs::double_to_half(std::bit_cast<double>(0xfff0000000000001ull)),
                 std::uint16_t{0xfc01});
    }

    void roundsToNearestEven() {
        const double ulp1 = std::ldexp(1.0, -10);  // spacing of halves in [1, 2)
        QCOMPARE(cs::double_to_half(1 + ulp1 / 2), std::uint16_t{0x3c00});      // tie, to even
        QCOMPARE(cs::double_to_half(1 + 3 * ulp1 / 2), std::uint16_t{0x3c02});  // tie, to even
        QCOMPARE(cs::float_to_half(static_cast<float>(1 + ulp1 / 2 + ulp1 / 1024)),
                 std::uint16_t{0x3c01});
        QCOMPARE(cs::float_to_half(2047.5f), std::uint16_t{0x6800});  // 2048: carry into exponent
        QCOMPARE(cs::float_to_half(65519.0f), std::uint16_t{0x7bff});
        QCOMPARE(cs::float_to_half(65520.0f), std::uint16_t{0x7c00});  // the tie goes to inf
        QCOMPARE(cs::double_to_half(-1e300), std::uint16_t{0xfc00});
        QCOMPARE(cs::double_to_half(std::numeric_limits<double>::max()), std::uint16_t{0x7c00});
        // Subnormals: multiples of 2^-24, ties to even; half of 2^-24 and less is zero.
        const double tiny = std::ldexp(1.0, -24);
        QCOMPARE(cs::double_to_half(tiny / 2), std::uint16_t{0x0000});
        QCOMPARE(cs::double_to_half(-tiny / 2), std::uint16_t{0x8000});
        QCOMPARE(cs::double_to_half(std::nextafter(tiny / 2, 1.0)), std::uint16_t{0x0001});
        QCOMPARE(cs::double_to_half(3 * tiny / 2), std::uint16_t{0x0002});
        QCOMPARE(cs::float_to_half(static_cast<float>(5 * tiny / 2)), std::uint16_t{0x0002});
        QCOMPARE(cs::double_to_half(std::ldexp(1.0, -14) - tiny / 2),
                 std::uint16_t{0x0400});  // up into the normals
        QCOMPARE(cs::double_to_half(std::numeric_limits<double>::denorm_min()), std::uint16_t{0});
    }

    void doubleIsRoundedOnce() {
        // Just above a halfway point by less than a float can hold: rounding to float first
        // would land on the tie and round down to even; NumPy rounds the double once, up.
        const double v = 1 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40);
        QCOMPARE(cs::double_to_half(v), std::uint16_t{0x3c01});
        QCOMPARE(cs::float_to_half(static_cast<float>(v)), std::uint16_t{0x3c00});
    }

    void isConstexpr() {
        static_assert(cs::half_to_float(0x3c00) == 1.0f);
        static_assert(cs::double_to_half(-2.0) == 0xc000);
        QVERIFY(true);
    }
};

QTEST_GUILESS_MAIN(TestHalfFloat)
#include "tst_half_float.moc"
