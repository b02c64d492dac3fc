// The time -> pixel mapping shared by the run views: conversions both ways, zoom around the
// cursor, pan, clamping, and the axis ticks drawn from it.
#include <QtTest>

#include "ui/painters/time_axis_painter.h"
#include "ui/painters/time_mapping.h"

using cs::ui::TimeMapping;

class TstTimeMapping : public QObject {
    Q_OBJECT
private slots:
    void toXAndBack_data() {
        QTest::addColumn<qint64>("t");
        QTest::addColumn<double>("x");
        QTest::newRow("left edge") << qint64(1000) << 100.0;
        QTest::newRow("right edge") << qint64(2000) << 600.0;
        QTest::newRow("middle") << qint64(1500) << 350.0;
        QTest::newRow("before the range") << qint64(0) << -400.0;
    }
    void toXAndBack() {
        QFETCH(qint64, t);
        QFETCH(double, x);
        const TimeMapping m{1000, 2000, 100, 500};
        QCOMPARE(m.toX(t), x);
        QCOMPARE(m.toTime(x), t);
    }

    void durationOfPixels() {
        const TimeMapping m{0, 1'000'000, 0, 1000};  // 1000 ns per pixel
        QCOMPARE(m.durationOf(3.0), std::int64_t{3000});
        QCOMPARE(m.pixelsPerNs(), 0.001);
    }

    void zoomKeepsTheAnchorInPlace() {
        TimeMapping m{0, 1'000'000, 50, 1000};
        const double anchorX = 300;
        const std::int64_t before = m.toTime(anchorX);
        m.zoom(4.0, anchorX);
        QCOMPARE(m.span(), std::int64_t{250'000});
        QVERIFY(std::abs(m.toTime(anchorX) - before) <= 1);
        m.zoom(0.25, anchorX);
        QCOMPARE(m.span(), std::int64_t{1'000'000});
        QVERIFY(std::abs(m.toTime(anchorX) - before) <= 1);
    }

    void zoomStopsAtTheMinimumSpan() {
        TimeMapping m{0, 1'000'000, 0, 1000};
        m.zoom(1e9, 500, 1000);
        QCOMPARE(m.span(), std::int64_t{1000});
    }

    void zoomIgnoresBadFactors() {
        TimeMapping m{0, 1000, 0, 100};
        m.zoom(0, 50);
        m.zoom(-2, 50);
        m.zoom(std::numeric_limits<double>::quiet_NaN(), 50);
        QCOMPARE(m.t0, std::int64_t{0});
        QCOMPARE(m.t1, std::int64_t{1000});
    }

    void panMovesByPixels() {
        TimeMapping m{10'000, 20'000, 0, 100};  // 100 ns per pixel
        m.pan(10);                              // drag right: earlier times come into view
        QCOMPARE(m.t0, std::int64_t{9'000});
        QCOMPARE(m.t1, std::int64_t{19'000});
        m.pan(-20);
        QCOMPARE(m.t0, std::int64_t{11'000});
    }

    void clampShiftsIntoTheRun() {
        TimeMapping m{-500, 500, 0, 100};
        m.clampTo(0, 10'000);
        QCOMPARE(m.t0, std::int64_t{0});
        QCOMPARE(m.t1, std::int64_t{1000});
        m = TimeMapping{9'800, 10'800, 0, 100};
        m.clampTo(0, 10'000);
        QCOMPARE(m.t1, std::int64_t{10'000});
        QCOMPARE(m.t0, std::int64_t{9'000});
        m = TimeMapping{-5, 50'000, 0, 100};  // wider than the run: starts at its start
        m.clampTo(0, 10'000);
        QCOMPARE(m.t0, std::int64_t{0});
    }

    void ticksAreRoundAndFarEnoughApart() {
        const TimeMapping m{0, 1'000'000'000, 0, 800};  // one second over 800 px
        const auto ticks = cs::ui::timeTicks(m, 80);
        QVERIFY(!ticks.empty());
        const std::int64_t step = ticks[1] - ticks[0];
        QCOMPARE(step, std::int64_t{100'000'000});  // 100 ms = 80 px exactly
        for (auto t : ticks) QCOMPARE(t % step, std::int64_t{0});
        const TimeMapping shifted{250'000, 1'250'000, 0, 100};
        const auto t2 = cs::ui::timeTicks(shifted, 80);
        QVERIFY(!t2.empty());
        QVERIFY(t2.front() >= shifted.t0);
        QCOMPARE(t2.front() % cs::ui::tickStep(shifted, 80), std::int64_t{0});
    }
};

QTEST_GUILESS_MAIN(TstTimeMapping)
#include "tst_time_mapping.moc"
