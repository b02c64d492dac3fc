// Level of detail in the Gantt: culling to the visible range by binary search and folding runs
// of tasks narrower than ~3 px into one counted mark, while wide tasks keep their own mark.
#include <QtTest>

#include <numeric>

#include "ui/painters/gantt_lod.h"

using cs::trace::TaskLogView;
using cs::trace::TaskRecord;
using cs::ui::foldLane;
using cs::ui::GanttMark;
using cs::ui::TimeMapping;

namespace {

// Back-to-back tasks with the given durations (ns), starting at `t`, with `gap` ns between.
TaskLogView lane(const std::vector<std::int64_t>& durations, std::int64_t t = 0,
                 std::int64_t gap = 0) {
    std::vector<TaskRecord> records;
    for (std::size_t i = 0; i < durations.size(); ++i) {
        TaskRecord r;
        r.id = i;
        r.start_ns = t;
        r.end_ns = t + durations[i];
        t = r.end_ns + gap;
        records.push_back(r);
    }
    return TaskLogView::from_vector(records);
}

std::uint64_t covered(const std::vector<GanttMark>& marks) {
    std::uint64_t n = 0;
    for (const auto& m : marks) n += m.count;
    return n;
}

}  // namespace

class TstLodFolding : public QObject {
    Q_OBJECT
private slots:
    void wideTasksKeepOneMarkEach() {
        const auto l = lane({100, 100, 100, 100});
        const TimeMapping m{0, 400, 0, 400};  // 1 px per ns: every task 100 px
        const auto marks = foldLane(l, m);
        QCOMPARE(marks.size(), std::size_t{4});
        for (std::size_t i = 0; i < marks.size(); ++i) {
            QCOMPARE(marks[i].count, 1u);
            QCOMPARE(marks[i].first, i);
            QCOMPARE(marks[i].x0, 100.0 * static_cast<double>(i));
            QCOMPARE(marks[i].x1, 100.0 * static_cast<double>(i + 1));
        }
    }

    void narrowNeighboursFoldIntoOneCountedMark() {
        // 1000 tasks of 1 ns over 1000 px: 1 px each, all adjacent -> one mark of 1000.
        const auto l = lane(std::vector<std::int64_t>(1000, 1));
        const TimeMapping m{0, 1000, 0, 1000};
        const auto marks = foldLane(l, m, 3.0);
        QCOMPARE(marks.size(), std::size_t{1});
        QCOMPARE(marks[0].count, 1000u);
        QVERIFY(marks[0].folded());
        QCOMPARE(marks[0].x0, 0.0);
        QCOMPARE(marks[0].x1, 1000.0);
    }

    void aWideTaskSplitsTheFolds() {
        std::vector<std::int64_t> d(10, 1);
        d.push_back(50);  // a wide task between two runs of narrow ones
        d.insert(d.end(), 10, 1);
        const auto l = lane(d);
        const TimeMapping m{0, 70, 0, 70};
        const auto marks = foldLane(l, m, 3.0);
        QCOMPARE(marks.size(), std::size_t{3});
        QCOMPARE(marks[0].count, 10u);
        QCOMPARE(marks[1].count, 1u);
        QCOMPARE(marks[1].first, std::size_t{10});
        QCOMPARE(marks[2].count, 10u);
        QCOMPARE(covered(marks), std::uint64_t{21});
    }

    void farApartNarrowTasksStaySeparate() {
        // 1 px tasks with 20 px gaps: nothing to fold, each is its own (thin) mark.
        const auto l = lane(std::vector<std::int64_t>(5, 1), 0, 20);
        const TimeMapping m{0, 200, 0, 200};
        const auto marks = foldLane(l, m, 3.0);
        QCOMPARE(marks.size(), std::size_t{5});
        for (const auto& mk : marks) QCOMPARE(mk.count, 1u);
    }

    void cullsToTheVisibleRange() {
        const auto l = lane(std::vector<std::int64_t>(100, 10));  // tasks at 0,10,...,990
        const TimeMapping m{305, 495, 0, 190};                    // 1 px per ns
        const auto marks = foldLane(l, m);
        // Tasks 30 (300..310) to 49 (490..500) overlap the range.
        QCOMPARE(marks.front().first, std::size_t{30});
        QCOMPARE(marks.back().first, std::size_t{49});
        QCOMPARE(covered(marks), std::uint64_t{20});
    }

    void zoomingInUnfolds() {
        const auto l = lane(std::vector<std::int64_t>(1000, 1000));
        TimeMapping m{0, 1'000'000, 0, 1000};  // 1 px per task: folded
        QCOMPARE(foldLane(l, m).size(), std::size_t{1});
        m.zoom(100.0, 0);  // 100 px per task
        const auto marks = foldLane(l, m);
        QVERIFY(marks.size() >= 10);
        for (const auto& mk : marks) QCOMPARE(mk.count, 1u);
    }

    void countsEveryVisibleTaskExactlyOnce() {
        // Mixed widths, random-ish: the marks must partition the visible records in order.
        std::vector<std::int64_t> d;
        std::uint32_t seed = 12345;
        for (int i = 0; i < 20000; ++i) {
            seed = seed * 1664525u + 1013904223u;
            d.push_back((seed >> 8) % 7 == 0 ? 5000 : 1 + (seed >> 12) % 300);
        }
        const auto l = lane(d, 0, 7);
        const std::int64_t total = l.back().end_ns;
        const TimeMapping m{0, total, 10, 1200};
        const auto marks = foldLane(l, m, 3.0);
        QCOMPARE(covered(marks), std::uint64_t{20000});
        std::size_t next = 0;
        for (const auto& mk : marks) {
            QCOMPARE(mk.first, next);
            next += mk.count;
            QVERIFY(mk.x1 >= mk.x0);
            if (mk.folded()) QVERIFY(mk.count >= 2);
        }
        // Bounded by pixels: far fewer marks than tasks.
        QVERIFY(marks.size() < 1200);
    }

    void emptyLaneAndDegenerateMapping() {
        QVERIFY(foldLane(TaskLogView{}, TimeMapping{}).empty());
        const auto l = lane({10, 10});
        QVERIFY(foldLane(l, TimeMapping{5, 5, 0, 100}).empty());
        QVERIFY(foldLane(l, TimeMapping{0, 100, 0, 0}).empty());
    }
};

QTEST_GUILESS_MAIN(TstLodFolding)
#include "tst_lod_folding.moc"
