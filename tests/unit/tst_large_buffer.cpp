// Large byte buffers (core/util/large_buffer.h): 2 MiB-aligned so they can be huge pages, reused
// for the next buffer of the same size, and ordinary vectors in every other respect.
#include <QtTest>

#include <cstdint>
#include <cstring>

#include "core/util/bytes.h"
#include "core/util/large_buffer.h"

using namespace cs;

namespace {

// AnonHugePages of the mapping that holds `p`, from /proc/self/smaps (-1: mapping not found).
int anon_huge_kib_at(const void* p) {
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!smaps.open(QIODevice::ReadOnly | QIODevice::Text)) return -1;
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    bool inside = false;
    for (const QByteArray& line : smaps.readAll().split('\n')) {
        const int dash = line.indexOf('-');
        const int space = line.indexOf(' ');
        bool lo_ok = false, hi_ok = false;
        if (dash > 0 && space > dash) {
            const auto lo = line.left(dash).toULongLong(&lo_ok, 16);
            const auto hi = line.mid(dash + 1, space - dash - 1).toULongLong(&hi_ok, 16);
            if (lo_ok && hi_ok) {
                inside = lo <= at && at < hi;
                continue;
            }
        }
        if (inside && line.startsWith("AnonHugePages:"))
            return line.mid(14).trimmed().split(' ').front().toInt();
    }
    return -1;
}

}  // namespace

class TestLargeBuffer : public QObject {
    Q_OBJECT
private slots:
    void largeBuffersAreHugePageAligned() {
        Bytes b(kLargeBufferThreshold + 123);
        QCOMPARE(reinterpret_cast<std::uintptr_t>(b.data()) % (std::uintptr_t{2} << 20),
                 std::uintptr_t{0});
        for (std::size_t i = 0; i < b.size(); i += 4096) b[i] = std::uint8_t(i >> 12);
        b.back() = 7;
        QCOMPARE(b.back(), std::uint8_t(7));
    }

    void aFreedBlockServesTheNextBufferOfItsSize() {
        const std::uint8_t* first = nullptr;
        {
            Bytes b(6u << 20);
            first = b.data();
        }
        Bytes again(6u << 20);  // same 2 MiB-rounded size: the cached block comes back
        QCOMPARE(static_cast<const void*>(again.data()), static_cast<const void*>(first));
        Bytes other(9u << 20);  // another size: a block of its own
        QVERIFY(other.data() != again.data());
    }

    void growingAcrossTheThresholdKeepsTheContents() {
        Bytes b;
        for (std::uint32_t i = 0; i < (10u << 20); ++i) b.push_back(std::uint8_t(i * 31));
        for (std::uint32_t i = 0; i < (10u << 20); i += 9973) QCOMPARE(b[i], std::uint8_t(i * 31));
        b.resize(100);
        b.shrink_to_fit();  // back below the threshold: an ordinary heap block
        QCOMPARE(b.size(), std::size_t(100));
        QCOMPARE(b[99], std::uint8_t(99 * 31));
    }

    // A zeroed block reads as zeros both fresh from the kernel and when it is a reused block
    // that held other data.
    void zeroedBlocksReadAsZeroFreshOrReused() {
        const std::size_t n = 3u << 20;
        auto* fresh = static_cast<std::uint8_t*>(allocate_large_zeroed(n));
        for (std::size_t i = 0; i < n; i += 1021) QCOMPARE(fresh[i], std::uint8_t(0));
        std::memset(fresh, 0xab, n);
        release_large(fresh, n);
        auto* reused = static_cast<std::uint8_t*>(allocate_large_zeroed(n));
        QCOMPARE(static_cast<void*>(reused), static_cast<void*>(fresh));  // the cached block
        for (std::size_t i = 0; i < n; ++i) {
            if (reused[i] != 0) QFAIL(qPrintable(QStringLiteral("byte %1 not zero").arg(i)));
        }
        release_large(reused, n);
    }

    // A trace lane's first block asks for small pages: writing its first record must not make
    // the kernel clear (or first find) a 2 MiB page. Its mapping then holds no huge page, even
    // with every page written.
    void smallPageBlocksHoldNoHugePages() {
        const std::size_t n = 14u << 20;  // a size no other test caches
        auto* block = static_cast<std::uint8_t*>(allocate_large_zeroed(n, PageSize::Small));
        for (std::size_t i = 0; i < n; i += 4096) QCOMPARE(block[i], std::uint8_t(0));
        std::memset(block, 0x5a, n);
        QCOMPARE(anon_huge_kib_at(block), 0);
        release_large(block, n);
    }

    void manyLiveBuffersStayDistinct() {
        std::vector<Bytes> live;
        for (int i = 0; i < 12; ++i) live.emplace_back(5u << 20, std::uint8_t(i));
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(live[i].front(), std::uint8_t(i));
            QCOMPARE(live[i].back(), std::uint8_t(i));
        }
    }
};

QTEST_GUILESS_MAIN(TestLargeBuffer)
#include "tst_large_buffer.moc"
