// GanttPainter on a QImage: one lane per worker, phases inside a task in their own colours at the
// pixels the time mapping gives, hit-testing that finds the task under the cursor, and folded
// marks for tasks too narrow to draw.
#include <QtTest>

#include <QImage>
#include <QPainter>

#include "ui/painters/gantt_painter.h"
#include "ui/painters/run_style.h"

using cs::trace::Phase;
using cs::trace::TaskRecord;

namespace {

TaskRecord task(std::uint64_t id, std::uint32_t lane, std::int64_t start) {
    TaskRecord r;
    r.id = id;
    r.lane = lane;
    r.kind = cs::trace::TaskKind::Copy;
    r.start_ns = start;
    r.add_span(Phase::Read, start, start + 100);
    r.add_span(Phase::Decode, start + 100, start + 600);
    r.add_span(Phase::Write, start + 600, start + 1000);
    r.end_ns = start + 1000;
    return r;
}

cs::trace::Snapshot twoLanes() {
    cs::trace::Snapshot run;
    run.lanes.push_back(cs::trace::TaskLogView::from_vector({task(0, 0, 0), task(2, 0, 1000)}));
    run.lanes.push_back(cs::trace::TaskLogView::from_vector({task(1, 1, 500)}));
    run.now_ns = 2000;
    return run;
}

}  // namespace

class TstGanttPainter : public QObject {
    Q_OBJECT
private slots:
    // The highlighted task (the one selected in the task graph) gets a black outline around its
    // bar, one pixel outside its lane; the other tasks do not.
    void theHighlightedTaskIsOutlined() {
        const auto run = twoLanes();
        QImage image(800, 200, QImage::Format_ARGB32);
        image.fill(Qt::white);
        const QRectF area(0, 0, 800, 200);
        const auto m = cs::ui::GanttPainter::mappingFor(area, 2, 0, 2000);
        cs::ui::GanttOptions options;
        options.highlightedTask = 2;  // lane 0, 1000-2000 ns
        {
            QPainter p(&image);
            cs::ui::GanttPainter::paint(p, area, run, m, options);
        }
        const cs::ui::GanttGeometry g{area, 2, true};
        const int above = static_cast<int>(g.laneRect(0).top()) - 1;
        QCOMPARE(QColor(image.pixel(static_cast<int>(m.toX(1500)), above)), QColor(Qt::black));
        QVERIFY(QColor(image.pixel(static_cast<int>(m.toX(500)), above)) != QColor(Qt::black));
    }

    void phasesAreDrawnInTheirColours() {
        const auto run = twoLanes();
        QImage image(800, 200, QImage::Format_ARGB32);
        const QRectF area(0, 0, 800, 200);
        const auto m = cs::ui::GanttPainter::mappingFor(area, 2, 0, 2000);
        {
            QPainter p(&image);
            cs::ui::GanttPainter::paint(p, area, run, m);
        }
        const cs::ui::GanttGeometry g{area, 2, true};
        const double y0 = g.laneRect(0).center().y();
        // Task 0: decode from 100 to 600 ns, write from 600 to 1000 ns.
        QCOMPARE(QColor(image.pixel(static_cast<int>(m.toX(350)), static_cast<int>(y0))),
                 cs::ui::phaseColor(Phase::Decode));
        QCOMPARE(QColor(image.pixel(static_cast<int>(m.toX(800)), static_cast<int>(y0))),
                 cs::ui::phaseColor(Phase::Write));
        // Lane 1 starts at 500 ns: nothing before it.
        const double y1 = g.laneRect(1).center().y();
        QVERIFY(QColor(image.pixel(static_cast<int>(m.toX(250)), static_cast<int>(y1))) !=
                cs::ui::phaseColor(Phase::Read));
        QCOMPARE(QColor(image.pixel(static_cast<int>(m.toX(1000)), static_cast<int>(y1))),
                 cs::ui::phaseColor(Phase::Decode));
    }

    void hitTestingFindsTheTask() {
        const auto run = twoLanes();
        const QRectF area(0, 0, 800, 200);
        const auto m = cs::ui::GanttPainter::mappingFor(area, 2, 0, 2000);
        const cs::ui::GanttGeometry g{area, 2, true};
        auto hit = cs::ui::GanttPainter::taskAt(run, area, m,
                                                QPointF(m.toX(1500), g.laneRect(0).center().y()));
        QVERIFY(hit.has_value());
        QCOMPARE(hit->id, std::uint64_t{2});
        hit = cs::ui::GanttPainter::taskAt(run, area, m,
                                           QPointF(m.toX(700), g.laneRect(1).center().y()));
        QVERIFY(hit.has_value());
        QCOMPARE(hit->id, std::uint64_t{1});
        QVERIFY(!cs::ui::GanttPainter::taskAt(run, area, m,
                                              QPointF(m.toX(100), g.laneRect(1).center().y())));
        QVERIFY(!cs::ui::GanttPainter::taskAt(run, area, m, QPointF(5, 5)));  // the axis
        QCOMPARE(g.laneAt(g.laneRect(1).center().y()), 1);
        QCOMPARE(g.laneAt(-10), -1);
    }

    void narrowTasksFoldIntoACountedMark() {
        std::vector<TaskRecord> records;
        for (int i = 0; i < 5000; ++i)
            records.push_back(task(static_cast<std::uint64_t>(i), 0, i * 1000));
        cs::trace::Snapshot run;
        run.lanes.push_back(cs::trace::TaskLogView::from_vector(records));
        run.now_ns = 5'000'000;
        QImage image(600, 120, QImage::Format_ARGB32);
        const QRectF area(0, 0, 600, 120);
        const auto m = cs::ui::GanttPainter::mappingFor(area, 1, 0, run.now_ns);
        {
            QPainter p(&image);
            cs::ui::GanttPainter::paint(p, area, run, m);
        }
        const cs::ui::GanttGeometry g{area, 1, true};
        // 5000 tasks in ~520 px: one folded mark in the folded colour (its count drawn inside).
        const QColor c(image.pixel(static_cast<int>(m.toX(100'000)),
                                   static_cast<int>(g.laneRect(0).top() + 4)));
        QCOMPARE(c, cs::ui::foldedColor());
    }
};

QTEST_MAIN(TstGanttPainter)
#include "tst_gantt_painter.moc"
