// The Qt Charts resource timelines, offscreen, on hand-made snapshots: each tick appends only the
// new samples, the CPU axis ends at 100 x cores, rates come from the cumulative byte counters,
// the per-core lines show on request, a new run resets the series, the time axis follows the
// range the Gantt shows, value axes end at nice numbers and the legend keeps out of the plot.
#include <QtTest>

#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <memory>

#include "ui/run/resource_chart_view.h"

using cs::ui::ResourceChartView;

namespace {

// A run with `n` samples taken every 100 ms on 4 cores; the process reads 1 MB per sample and
// its RSS grows by `rssStep` bytes per sample.
cs::trace::Snapshot makeRun(std::shared_ptr<const cs::trace::TaskGraph> graph, std::size_t n,
                            std::uint64_t rssStep = 10'000'000) {
    std::vector<cs::trace::ResourceSample> samples;
    for (std::size_t i = 0; i < n; ++i) {
        cs::trace::ResourceSample s;
        s.t_ns = static_cast<std::int64_t>(i + 1) * 100'000'000;
        s.cpu_user_pct = 150;
        s.cpu_system_pct = 50;
        s.rss_bytes = (i + 1) * rssStep;
        s.read_bytes = (i + 1) * 1'000'000;
        s.core_busy_pct = {100, 100, 0, 0};
        samples.push_back(s);
    }
    cs::trace::Snapshot run;
    run.graph = std::move(graph);
    run.samples = cs::trace::LogView<cs::trace::ResourceSample>::from_vector(samples);
    run.now_ns = static_cast<std::int64_t>(n) * 100'000'000;
    return run;
}

// True when `step` is 1, 2 or 5 x 10^k and `max` a whole number of steps.
bool isNice(double max, double step) {
    if (!(step > 0)) return false;
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    const bool niceStep = std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 ||
                          std::abs(mantissa - 5) < 1e-6;
    const double steps = max / step;
    return niceStep && std::abs(steps - std::round(steps)) < 1e-6;
}

}  // namespace

class TstResourceChartView : public QObject {
    Q_OBJECT
private slots:
    void appendsOnlyNewSamples() {
        ResourceChartView view;
        view.resize(900, 390);
        view.show();
        auto graph = std::make_shared<cs::trace::TaskGraph>();
        view.setRun(makeRun(graph, 3));
        QCOMPARE(view.cpuSeries()->count(), 3);
        QCOMPARE(view.cpuAxis()->max(), 400.0);  // 4 cores: a full machine reads as full
        const QPointF first = view.cpuSeries()->at(0);
        view.setRun(makeRun(graph, 10));
        QCOMPARE(view.cpuSeries()->count(), 10);
        QCOMPARE(view.rssSeries()->count(), 10);
        QCOMPARE(view.readSeries()->count(), 10);
        QCOMPARE(view.writeSeries()->count(), 10);
        QCOMPARE(view.appendedSamples(), std::size_t{10});
        QCOMPARE(view.cpuSeries()->at(0), first);
        QCOMPARE(view.cpuSeries()->at(9), QPointF(1.0, 200.0));
        QCOMPARE(view.rssSeries()->at(9).y(), 100.0);  // MB
        QCOMPARE(view.readSeries()->at(5).y(), 10.0);  // 1 MB per 100 ms
        QCOMPARE(view.writeSeries()->at(5).y(), 0.0);
        // The same snapshot again adds nothing.
        view.setRun(makeRun(graph, 10));
        QCOMPARE(view.cpuSeries()->count(), 10);
    }

    void perCoreLinesOnRequest() {
        ResourceChartView view;
        view.setRun(makeRun(std::make_shared<cs::trace::TaskGraph>(), 4));
        QCOMPARE(view.coreSeries().size(), std::size_t{4});
        for (auto* s : view.coreSeries()) {
            QCOMPARE(s->count(), 4);
            QVERIFY(!s->isVisible());
        }
        view.setPerCore(true);
        for (auto* s : view.coreSeries()) QVERIFY(s->isVisible());
        QCOMPARE(view.coreSeries()[0]->at(0).y(), 100.0);
    }

    void anotherRunResets() {
        ResourceChartView view;
        view.setRun(makeRun(std::make_shared<cs::trace::TaskGraph>(), 8));
        view.setRun(makeRun(std::make_shared<cs::trace::TaskGraph>(), 2));
        QCOMPARE(view.cpuSeries()->count(), 2);
        QCOMPARE(view.coreSeries()[0]->count(), 2);
    }

    // Before any run the charts show the first second at round ticks (they showed 0..1 µs,
    // labelled 2e-07 s and so on).
    void emptyViewShowsASecond() {
        ResourceChartView view;
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(view.timeAxis(i)->min(), 0.0);
            QCOMPARE(view.timeAxis(i)->max(), 1.0);
            QVERIFY(view.timeAxis(i)->tickInterval() >= 0.1);
        }
    }

    void timeAxisFollowsTheGantt() {
        ResourceChartView view;
        view.setRun(makeRun(std::make_shared<cs::trace::TaskGraph>(), 10));
        for (int i = 0; i < 3; ++i) {  // live: the whole run so far
            QCOMPARE(view.timeAxis(i)->min(), 0.0);
            QCOMPARE(view.timeAxis(i)->max(), 1.0);
        }
        view.setVisibleRange(200'000'000, 500'000'000);  // the Gantt zoomed in
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(view.timeAxis(i)->min(), 0.2);
            QCOMPARE(view.timeAxis(i)->max(), 0.5);
            QCOMPARE(view.timeAxis(i)->tickType(), QValueAxis::TicksDynamic);
            QVERIFY(isNice(0, view.timeAxis(i)->tickInterval()));  // ticks at round times
            QVERIFY(view.timeAxis(i)->tickInterval() >= 0.3 / 6);
        }
    }

    // A run about to start: empty series and the first followed range (a second) before any
    // snapshot. Live snapshots keep that range until the run outgrows it, then step to the next
    // (2 s), so most ticks leave the axes alone; the finished run ends at its exact end.
    void liveRangeGrowsInSteps() {
        ResourceChartView view;
        view.resize(900, 390);
        view.show();
        const auto graph = std::make_shared<cs::trace::TaskGraph>();
        view.setRun(makeRun(graph, 25));  // the run before: 2.5 s
        QCOMPARE(view.timeAxis(0)->max(), 2.5);
        view.setLive(true);
        QCOMPARE(view.cpuSeries()->count(), 0);
        for (int i = 0; i < 3; ++i) QCOMPARE(view.timeAxis(i)->max(), 1.0);
        const auto live = [&](std::size_t n) {
            auto run = makeRun(graph, n);
            run.status = cs::trace::RunStatus::Running;
            view.setRun(run);
        };
        live(4);
        QCOMPARE(view.cpuSeries()->count(), 4);
        QCOMPARE(view.timeAxis(0)->max(), 1.0);
        live(9);
        QCOMPARE(view.timeAxis(0)->max(), 1.0);
        live(12);
        QCOMPARE(view.cpuSeries()->count(), 12);
        for (int i = 0; i < 3; ++i) QCOMPARE(view.timeAxis(i)->max(), 2.0);
        view.setLive(false);
        auto finished = makeRun(graph, 13);
        finished.status = cs::trace::RunStatus::Finished;
        view.setRun(finished);
        QCOMPARE(view.cpuSeries()->count(), 13);
        QCOMPARE(view.timeAxis(0)->max(), 1.3);
    }

    // A long series reaches Qt Charts as at most about two points per pixel column of the
    // visible range, a one-sample spike kept and both ends of the line; zoomed in, every sample
    // of the range is there. Short series pass whole.
    void longSeriesAreDecimated() {
        QList<QPointF> points;
        for (int i = 0; i < 30000; ++i) points.append({i * 0.1, i == 12345 ? 400.0 : 50.0});
        const auto whole = cs::ui::decimateSeries(points, 0, 3000, 900);
        QVERIFY(whole.size() <= 2 * 900 + 5);
        QCOMPARE(whole.front(), points.front());
        QCOMPARE(whole.back(), points.back());
        QVERIFY(std::any_of(whole.begin(), whole.end(), [](auto p) { return p.y() == 400.0; }));
        QVERIFY(std::is_sorted(whole.begin(), whole.end(),
                               [](auto a, auto b) { return a.x() < b.x(); }));
        const auto zoomed = cs::ui::decimateSeries(points, 100, 110, 900);
        QVERIFY(zoomed.size() >= 100 && zoomed.size() <= 103);
        QVERIFY(zoomed.front().x() <= 100 && zoomed.back().x() >= 110);
        QCOMPARE(cs::ui::decimateSeries(points.mid(0, 500), 0, 50, 900).size(), 500);

        // The view: 30,000 samples (50 minutes at 100 ms), then the Gantt zoomed to 10 s.
        ResourceChartView view;
        view.resize(900, 390);
        view.setRun(makeRun(std::make_shared<cs::trace::TaskGraph>(), 30000));
        QCOMPARE(view.appendedSamples(), std::size_t{30000});
        QVERIFY(view.cpuSeries()->count() <= 2 * 900 + 5);
        QVERIFY(view.rssSeries()->count() <= 2 * 900 + 5);
        QCOMPARE(view.rssSeries()->at(view.rssSeries()->count() - 1).y(), 300'000.0);  // MB
        view.setVisibleRange(100'000'000'000, 110'000'000'000);
        QVERIFY(view.cpuSeries()->count() >= 100 && view.cpuSeries()->count() <= 103);
        view.setVisibleRange(0, 3000'000'000'000);
        QVERIFY(view.cpuSeries()->count() <= 2 * 900 + 5);
    }

    void niceScales() {
        using cs::ui::niceScale;
        QCOMPARE(niceScale(21).max, 25.0);
        QCOMPARE(niceScale(21).step, 5.0);
        QCOMPARE(niceScale(23.09).max, 25.0);
        QCOMPARE(niceScale(100).max, 100.0);
        QCOMPARE(niceScale(100).step, 20.0);
        QCOMPARE(niceScale(101).max, 150.0);
        QCOMPARE(niceScale(0.7).max, 0.8);
        QCOMPARE(niceScale(1).max, 1.0);
        QCOMPARE(niceScale(0).max, 1.0);  // nothing yet: a unit axis
        for (double v : {0.0013, 0.9, 3.0, 7.7, 42.0, 123.0, 999.0, 1234.5, 8e6}) {
            const auto s = niceScale(v);
            QVERIFY2(s.max >= v && s.max / s.step <= 5 + 1e-9, qPrintable(QString::number(v)));
            QVERIFY2(isNice(s.max, s.step), qPrintable(QString::number(v)));
        }
    }

    // RSS up to 21 MB and reads at 10 MB/s: the axes end at 25 and 15 with round ticks, not at
    // max * 1.1 with ticks such as 23.09.
    void valueAxesEndAtNiceNumbers() {
        ResourceChartView view;
        view.resize(900, 390);
        view.show();
        const auto graph = std::make_shared<cs::trace::TaskGraph>();
        view.setRun(makeRun(graph, 10, 2'100'000));
        QCOMPARE(view.rssSeries()->at(9).y(), 21.0);
        QCOMPARE(view.memoryAxis()->max(), 25.0);
        QCOMPARE(view.memoryAxis()->tickInterval(), 5.0);
        QCOMPARE(view.diskAxis()->max(), 15.0);  // 10 MB/s and a little headroom
        for (auto* axis : {view.cpuAxis(), view.memoryAxis(), view.diskAxis()}) {
            QCOMPARE(axis->min(), 0.0);
            QCOMPARE(axis->tickType(), QValueAxis::TicksDynamic);
            QCOMPARE(axis->tickAnchor(), 0.0);
            QVERIFY(isNice(axis->max(), axis->tickInterval()));
        }
        // Live appends that stay under the axis' end leave it alone (23.1 MB); crossing it moves
        // it to the next nice number (25.2 MB: 30).
        view.setRun(makeRun(graph, 11, 2'100'000));
        QCOMPARE(view.memoryAxis()->max(), 25.0);
        view.setRun(makeRun(graph, 12, 2'100'000));
        QCOMPARE(view.appendedSamples(), std::size_t{12});
        QCOMPARE(view.memoryAxis()->max(), 30.0);
        QVERIFY(isNice(view.memoryAxis()->max(), view.memoryAxis()->tickInterval()));
    }

    // The legend has a strip of its own: it covers neither the plot area nor the value axis'
    // labels left of it, at any height the splitter may give a chart.
    // Regression: the axis labels were cached as device-coordinate pixmaps to save a live
    // refresh's text layout, and a grabbed picture (the screenshots, PNG export) then showed
    // no value or time labels at all. Left of each plot and below it there must be text.
    void axisLabelsAreDrawnAfterALiveRun() {
        ResourceChartView view;
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto graph = std::make_shared<cs::trace::TaskGraph>();
        view.setLive(true);
        for (std::size_t n : {2, 5, 9}) {
            view.setRun(makeRun(graph, n));
            QCoreApplication::processEvents();
        }
        view.setLive(false);
        view.setRun(makeRun(graph, 10));
        QCoreApplication::processEvents();
        for (auto* chartView : {view.cpuView(), view.memoryView(), view.diskView()}) {
            const QImage image = chartView->grab().toImage();
            const QRect plot = chartView->chart()->plotArea().toAlignedRect();
            auto darkPixels = [&](const QRect& r) {
                int n = 0;
                for (int y = std::max(0, r.top()); y <= std::min(image.height() - 1, r.bottom());
                     ++y)
                    for (int x = std::max(0, r.left()); x <= std::min(image.width() - 1, r.right());
                         ++x)
                        if (qGray(image.pixel(x, y)) < 128) ++n;
                return n;
            };
            // Value labels and the axis title: the strip left of the plot, clear of its edge.
            QVERIFY(darkPixels(QRect(0, plot.top(), plot.left() - 6, plot.height())) > 20);
            // Time labels: the strip under the plot.
            QVERIFY(darkPixels(QRect(plot.left(), plot.bottom() + 6, plot.width(), 20)) > 20);
        }
    }

    void legendKeepsOutOfThePlot() {
        ResourceChartView view;
        view.setRun(makeRun(std::make_shared<cs::trace::TaskGraph>(), 10));
        for (int height : {390, 3 * 80, 900}) {
            view.resize(900, height);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QCoreApplication::processEvents();
            for (auto* chartView : {view.cpuView(), view.memoryView(), view.diskView()}) {
                QChart* chart = chartView->chart();
                const QRectF plot = chart->plotArea();
                const QRectF legend = chart->legend()->geometry();
                QVERIFY2(!legend.intersects(plot),
                         qPrintable(QStringLiteral("legend %1,%2 %3x%4 over plot %5,%6 %7x%8")
                                        .arg(legend.x())
                                        .arg(legend.y())
                                        .arg(legend.width())
                                        .arg(legend.height())
                                        .arg(plot.x())
                                        .arg(plot.y())
                                        .arg(plot.width())
                                        .arg(plot.height())));
                QVERIFY(legend.height() > 0 && legend.width() > 0);
                QVERIFY(legend.left() >= plot.left());  // right of the axis labels
                QVERIFY(legend.bottom() <= plot.top());
                QVERIFY(legend.top() >= 0);
            }
        }
    }

    // Regression: a long run shown right after a tiny visible range set the time axes' range
    // before their tick interval, and Qt Charts created millions of tick items (the window and
    // the screenshot mode hung). Bounded: well under a second when right.
    void wideRangeAfterTinyOneIsQuick() {
        ResourceChartView view;
        view.resize(900, 390);
        view.show();
        view.setVisibleRange(0, 1000);  // 1 us
        auto run = makeRun(std::make_shared<cs::trace::TaskGraph>(), 10);
        run.now_ns = 3600LL * 1'000'000'000;  // an hour
        QElapsedTimer timer;
        timer.start();
        view.setRun(run);
        QCoreApplication::processEvents();
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(view.timeAxis(0)->max(), 3600.0);
        QVERIFY(view.timeAxis(0)->tickInterval() >= 3600.0 / 6);
    }
};

QTEST_MAIN(TstResourceChartView)
#include "tst_resource_chart_view.moc"
