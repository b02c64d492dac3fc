// GanttView keeps its finished tasks in an image between paints and, while a run grows, paints
// only each lane's new tail. Whatever path a picture took (live refreshes, then a zoom, a pan, a
// resize, a highlight or a selection), it must be the same pixels as a fresh view painting the
// same snapshot whole. Also: the live time range grows in steps (followedEnd), so refreshes keep
// the mapping.
#include <QtTest>

#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QWheelEvent>

#include <algorithm>
#include <memory>
#include <vector>

#include "ui/painters/gantt_painter.h"
#include "ui/painters/time_mapping.h"
#include "ui/run/gantt_view.h"

using cs::trace::Phase;
using cs::trace::TaskRecord;
using cs::ui::GanttView;

namespace {

// Two lanes of back-to-back tasks over ~0.9 s: bursts of sub-pixel tasks (folded) between tasks
// wide enough for their phases, so folds and detailed bars meet at the lanes' tails.
std::vector<std::vector<TaskRecord>> makeLanes() {
    std::vector<std::vector<TaskRecord>> lanes(2);
    std::uint64_t id = 0;
    std::uint32_t seed = 7;
    for (std::uint32_t lane = 0; lane < 2; ++lane) {
        std::int64_t t = 1'000'000 + lane * 300'000;
        while (t < 900'000'000) {
            seed = seed * 1664525u + 1013904223u;
            const bool wide = (seed >> 28) < 3;
            const std::int64_t d =
                wide ? 4'000'000 + (seed >> 8) % 20'000'000 : 50'000 + (seed >> 8) % 400'000;
            TaskRecord r;
            r.id = id++;
            r.lane = lane;
            r.kind = cs::trace::TaskKind::Copy;
            r.start_ns = t;
            r.add_span(Phase::Read, t, t + d / 5);
            r.add_span(Phase::Decode, t + d / 5, t + d * 3 / 5);
            r.add_span(Phase::Write, t + d * 3 / 5, t + d);
            r.end_ns = t + d;
            lanes[lane].push_back(r);
            t += d + (seed >> 4) % 200'000;
        }
    }
    return lanes;
}

// The run as it stood at `now`: the tasks finished by then, one running per lane.
cs::trace::Snapshot snapshotAt(const std::vector<std::vector<TaskRecord>>& lanes,
                               const std::shared_ptr<const cs::trace::TaskGraph>& graph,
                               std::int64_t now, bool finished = false) {
    cs::trace::Snapshot run;
    run.graph = graph;
    run.start_unix_ns = 42;
    run.now_ns = now;
    run.status = finished ? cs::trace::RunStatus::Finished : cs::trace::RunStatus::Running;
    for (const auto& lane : lanes) {
        std::vector<TaskRecord> done;
        for (const auto& r : lane) {
            if (r.end_ns <= now) {
                done.push_back(r);
            } else if (r.start_ns <= now && !finished) {
                cs::trace::RunningTask running;
                running.id = r.id;
                running.lane = r.lane;
                running.start_ns = r.start_ns;
                run.running.push_back(running);
            }
        }
        run.lanes.push_back(cs::trace::TaskLogView::from_vector(done));
    }
    return run;
}

QImage picture(GanttView& view) {
    return view.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

// A fresh view showing `run` as `view` does (size, range, highlight, selection).
QImage freshPicture(const GanttView& like, const cs::trace::Snapshot& run, bool follow) {
    GanttView fresh;
    fresh.resize(like.size());
    fresh.setRun(run);
    if (!follow) fresh.setVisibleRange(like.mapping().t0, like.mapping().t1);
    return picture(fresh);
}

}  // namespace

class TstGanttView : public QObject {
    Q_OBJECT
private slots:
    void followedEndGrowsInSteps() {
        using cs::ui::followedEnd;
        QCOMPARE(followedEnd(0), std::int64_t{1'000'000'000});  // at least a second
        QCOMPARE(followedEnd(400'000'000), std::int64_t{1'000'000'000});
        QCOMPARE(followedEnd(1'000'000'000), std::int64_t{1'000'000'000});
        QCOMPARE(followedEnd(1'000'000'001), std::int64_t{2'000'000'000});
        QCOMPARE(followedEnd(2'500'000'000), std::int64_t{3'000'000'000});
        QCOMPARE(followedEnd(3'100'000'000), std::int64_t{5'000'000'000});
        QCOMPARE(followedEnd(7'000'000'000), std::int64_t{10'000'000'000});
        QCOMPARE(followedEnd(42'000'000'000), std::int64_t{50'000'000'000});
        for (std::int64_t t = 1; t < 1'000'000'000'000; t = t * 3 + 7)
            QVERIFY(followedEnd(t) >= t && followedEnd(t) <= std::max<std::int64_t>(t * 2, 1e9));
    }

    // Before the first run the Gantt's time axis reads the first second, like the resource
    // charts beside it (it read 0-1 ms), also after "zoom to fit".
    void emptyViewShowsTheFirstSecond() {
        GanttView view;
        view.resize(900, 140);
        QCOMPARE(view.mapping().t0, std::int64_t{0});
        QCOMPARE(view.mapping().t1, std::int64_t{1'000'000'000});
        view.zoomToFit();
        QCOMPARE(view.mapping().t1, std::int64_t{1'000'000'000});
        view.setRun(cs::trace::Snapshot{});
        QCOMPARE(view.mapping().t1, std::int64_t{1'000'000'000});
    }

    // Live refreshes with an unchanged range add the new tails to the kept picture: the same
    // pixels as painting the last snapshot whole, with a single whole paint.
    void liveRefreshesPaintLikeAWholePaint() {
        const auto lanes = makeLanes();
        const auto graph = std::make_shared<cs::trace::TaskGraph>();
        GanttView view;
        view.resize(900, 140);
        for (std::int64_t now = 40'000'000; now < 900'000'000; now += 80'000'000) {
            view.setRun(snapshotAt(lanes, graph, now));
            QCOMPARE(view.mapping().t1, std::int64_t{1'000'000'000});  // followed, in steps
            const QImage live = picture(view);
            QCOMPARE(live, freshPicture(view, snapshotAt(lanes, graph, now), true));
        }
        QCOMPARE(view.fullBasePaints(), 1);
        // The finished run is shown whole, to its exact end: painted whole again.
        const auto finished = snapshotAt(lanes, graph, 950'000'000, true);
        view.setRun(finished);
        QCOMPARE(view.mapping().t1, std::int64_t{950'000'000});
        QCOMPARE(picture(view), freshPicture(view, finished, true));
        QCOMPARE(view.fullBasePaints(), 2);
    }

    // Zooming, panning, resizing, a highlight and a rubber band after live refreshes: each
    // picture is what a fresh view paints for the same snapshot and range.
    void zoomAfterLiveRefreshesPaintsLikeAWholePaint() {
        const auto lanes = makeLanes();
        const auto graph = std::make_shared<cs::trace::TaskGraph>();
        GanttView view;
        view.resize(900, 140);
        for (std::int64_t now = 40'000'000; now < 600'000'000; now += 80'000'000) {
            view.setRun(snapshotAt(lanes, graph, now));
            picture(view);
        }
        const auto last = snapshotAt(lanes, graph, 600'000'000);
        view.setRun(last);
        view.setVisibleRange(100'000'000, 400'000'000);  // zoomed in
        QCOMPARE(picture(view), freshPicture(view, last, false));
        // Wheel zoom around the cursor, then pan by dragging.
        QWheelEvent wheel(QPointF(500, 60), view.mapToGlobal(QPointF(500, 60)), QPoint(),
                          QPoint(0, 240), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(&view, &wheel);
        QCOMPARE(picture(view), freshPicture(view, last, false));
        QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(500, 60));
        QTest::mouseMove(&view, QPoint(420, 60));
        QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(420, 60));
        QCOMPARE(picture(view), freshPicture(view, last, false));
        // More tasks arrive while zoomed (the range stays): still the same as a whole paint.
        const auto later = snapshotAt(lanes, graph, 700'000'000);
        view.setRun(later);
        QCOMPARE(picture(view), freshPicture(view, later, false));
        view.resize(700, 160);
        QCOMPARE(picture(view), freshPicture(view, later, false));
        // Overlays are not kept in the picture: a highlight and a selection come and go.
        const auto& some = lanes[0][lanes[0].size() / 4];
        view.highlightTask(some.id);
        const QImage highlighted = picture(view);
        QVERIFY(highlighted != freshPicture(view, later, false));
        view.highlightTask(std::nullopt);
        QCOMPARE(picture(view), freshPicture(view, later, false));
        view.zoomToFit();
        QCOMPARE(picture(view), freshPicture(view, later, true));
    }

    // The painter's own contract: a base painted for an earlier snapshot plus the increment is
    // the base of the later snapshot, on a plain QImage too.
    void painterIncrementMatchesBase() {
        const auto lanes = makeLanes();
        const auto graph = std::make_shared<cs::trace::TaskGraph>();
        const QRectF area(0, 0, 800, 150);
        const auto m = cs::ui::GanttPainter::mappingFor(area, 2, 0, 1'000'000'000);
        QImage kept(800, 150, QImage::Format_RGB32);
        cs::ui::GanttBaseState state;
        {
            QPainter p(&kept);
            state = cs::ui::GanttPainter::paintBase(p, area, snapshotAt(lanes, graph, 1e8), m);
        }
        for (std::int64_t now = 130'000'000; now < 900'000'000; now += 77'000'000) {
            const auto run = snapshotAt(lanes, graph, now);
            {
                QPainter p(&kept);
                QVERIFY(cs::ui::GanttPainter::paintBaseIncrement(p, area, run, m, {}, state));
            }
            QImage whole(800, 150, QImage::Format_RGB32);
            {
                QPainter p(&whole);
                cs::ui::GanttPainter::paintBase(p, area, run, m);
            }
            QCOMPARE(kept, whole);
        }
        // A snapshot with fewer records (another run) is refused.
        QPainter p(&kept);
        QVERIFY(!cs::ui::GanttPainter::paintBaseIncrement(p, area, snapshotAt(lanes, graph, 1e7), m,
                                                          {}, state));
    }
};

QTEST_MAIN(TstGanttView)
#include "tst_gantt_view.moc"
