// The Qt Charts resource timelines, offscreen, on hand-made snapshots: each tick appends only the
// new samples, the CPU axis ends at 100 x cores, rates come from the cumulative byte counters,
// the per-core lines show on request, a new run resets the series and the time axis follows the
// range the Gantt shows.
#include <QtTest>

#include <QLineSeries>
#include <QValueAxis>

#include <memory>

#include "ui/run/resource_chart_view.h"

using cs::ui::ResourceChartView;

namespace {

// A run with the first `n` of 10 samples taken every 100 ms on 4 cores; the process reads 1 MB
// per sample.
cs::trace::Snapshot makeRun(std::shared_ptr<const cs::trace::TaskGraph> graph, std::size_t n) {
    std::vector<cs::trace::ResourceSample> samples;
    for (std::size_t i = 0; i < n; ++i) {
        cs::trace::ResourceSample s;
        s.t_ns = static_cast<std::int64_t>(i + 1) * 100'000'000;
        s.cpu_user_pct = 150;
        s.cpu_system_pct = 50;
        s.rss_bytes = (i + 1) * 10'000'000;
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
        }
    }
};

QTEST_MAIN(TstResourceChartView)
#include "tst_resource_chart_view.moc"
