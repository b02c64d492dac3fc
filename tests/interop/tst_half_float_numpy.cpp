// core/util/half_float.h against NumPy's float16 itself: at test time
// tests/interop/fixtures/half_float.py has NumPy convert every float16 bit pattern to float32 and
// float64, and a million float32 and float64 values (every halfway point between two float16s
// and its neighbours, NaN payloads, overflow, underflow, random bits) to float16. Every result
// must match NumPy's to the bit, NaNs included.
#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <vector>

#include "core/util/half_float.h"
#include "interop/fixture_script.h"

namespace {

template <class T>
std::vector<T> read_raw(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    const QByteArray data = file.readAll();
    std::vector<T> out(static_cast<std::size_t>(data.size()) / sizeof(T));
    std::memcpy(out.data(), data.constData(), out.size() * sizeof(T));  // little-endian machine
    return out;
}

// `convert` applied to each bit pattern of `from` gives the one at the same place in `to`; the
// first difference otherwise.
template <class From, class To, class Convert>
QString first_mismatch(const std::vector<From>& from, const std::vector<To>& to, Convert convert) {
    if (from.size() != to.size())
        return QString("%1 inputs, %2 results").arg(from.size()).arg(to.size());
    for (std::size_t i = 0; i < from.size(); ++i) {
        const To got = convert(from[i]);
        if (got != to[i])
            return QString("0x%1: 0x%2, NumPy 0x%3")
                .arg(from[i], int(2 * sizeof(From)), 16, QChar('0'))
                .arg(got, int(2 * sizeof(To)), 16, QChar('0'))
                .arg(to[i], int(2 * sizeof(To)), 16, QChar('0'));
    }
    return {};
}

}  // namespace

class TestHalfFloatNumpy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString failed = cs::test::run_fixture_script("half_float.py", {dir_.path()});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        every_half_.resize(0x10000);
        std::iota(every_half_.begin(), every_half_.end(), std::uint16_t{0});
    }

    void halfToFloatMatchesNumpy() {
        const QString mismatch = first_mismatch(
            every_half_, read_raw<std::uint32_t>(dir_.filePath("half_to_f4.bin")),
            [](std::uint16_t h) { return std::bit_cast<std::uint32_t>(cs::half_to_float(h)); });
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void halfToDoubleMatchesNumpy() {
        const QString mismatch = first_mismatch(
            every_half_, read_raw<std::uint64_t>(dir_.filePath("half_to_f8.bin")),
            [](std::uint16_t h) { return std::bit_cast<std::uint64_t>(cs::half_to_double(h)); });
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void floatToHalfMatchesNumpy() {
        const QString mismatch = to_half_mismatch<float, std::uint32_t>("f4");
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

    void doubleToHalfMatchesNumpy() {
        const QString mismatch = to_half_mismatch<double, std::uint64_t>("f8");
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }

private:
    // <name>.bin through float_to_half or double_to_half against NumPy's <name>_to_half.bin.
    template <class Float, class Bits>
    QString to_half_mismatch(const QString& name) const {
        const auto in = read_raw<Bits>(dir_.filePath(name + ".bin"));
        if (in.size() < 900000) return name + ": too few inputs";
        return first_mismatch(in, read_raw<std::uint16_t>(dir_.filePath(name + "_to_half.bin")),
                              [](Bits b) {
                                  if constexpr (sizeof(Float) == 4)
                                      return cs::float_to_half(std::bit_cast<Float>(b));
                                  else
                                      return cs::double_to_half(std::bit_cast<Float>(b));
                              });
    }

    QTemporaryDir dir_;
    std::vector<std::uint16_t> every_half_;
};

QTEST_GUILESS_MAIN(TestHalfFloatNumpy)
#include "tst_half_float_numpy.moc"
