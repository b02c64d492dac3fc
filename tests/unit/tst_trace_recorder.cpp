// The recorder's live snapshots: taken while workers append, they never block them, each lane's
// records stay sorted by start time, and a snapshot never changes after it is taken.
#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <thread>

#include "core/trace/recorder.h"
#include "core/trace/task_timer.h"

using namespace cs::trace;

namespace {

std::shared_ptr<TaskGraph> graph_of(std::size_t n) {
    auto g = std::make_shared<TaskGraph>();
    for (std::size_t i = 0; i < n; ++i)
        g->nodes.push_back(TaskNode{i, TaskKind::Copy, {i}, "t", 0});
    return g;
}

TaskRecord record(std::uint64_t id, std::uint32_t lane, std::int64_t start, std::int64_t end) {
    TaskRecord r;
    r.id = id;
    r.lane = lane;
    r.kind = TaskKind::Reduce;
    r.start_ns = start;
    r.end_ns = end;
    return r;
}

}  // namespace

class TestTraceRecorder : public QObject {
    Q_OBJECT
private slots:
    void snapshotsWhileWorkersAppend() {
        constexpr std::uint32_t kLanes = 2;
        constexpr std::uint64_t kPerLane = 20000;
        TraceRecorder rec(RunSettings{}, graph_of(kLanes * kPerLane), kLanes);
        rec.start();
        std::atomic<bool> go{false};
        std::vector<std::thread> workers;
        for (std::uint32_t lane = 0; lane < kLanes; ++lane) {
            workers.emplace_back([&, lane] {
                while (!go.load()) std::this_thread::yield();
                for (std::uint64_t i = 0; i < kPerLane; ++i) {
                    const std::uint64_t id = lane * kPerLane + i;
                    rec.task_started(lane, id, TaskKind::Reduce, static_cast<std::int64_t>(i * 10));
                    TaskRecord r = record(id, lane, static_cast<std::int64_t>(i * 10),
                                          static_cast<std::int64_t>(i * 10 + 5));
                    // Every 7th is too deep to pack: it goes to the lane's overflow log, which
                    // a snapshot must see no later than the packed slot that points to it.
                    if (id % 7 == 0) {
                        const std::uint64_t deep[] = {1, 2, 3, 4, id};
                        r.set_coords(deep);
                    }
                    rec.task_finished(r);
                }
            });
        }
        go = true;
        std::size_t previous = 0;
        int snapshots = 0;
        Snapshot early;
        for (;;) {
            const Snapshot s = rec.snapshot();
            ++snapshots;
            const std::size_t n = s.task_count();
            QVERIFY(n >= previous);
            previous = n;
            for (const auto& lane : s.lanes) {
                for (std::size_t i = 1; i < lane.size(); ++i)
                    QVERIFY(lane[i - 1].start_ns <= lane[i].start_ns);
                for (std::size_t i = 0; i < lane.size(); i += 97) {
                    const TaskRecord r = lane[i];
                    QCOMPARE(r.rank, std::uint8_t(r.id % 7 == 0 ? 5 : 0));
                    if (r.rank == 5) QCOMPARE(std::uint64_t{r.coords[4]}, r.id);
                }
                if (!lane.empty()) QCOMPARE(lane.back().end_ns, lane.back().start_ns + 5);
            }
            if (snapshots == 1) early = s;
            if (n == kLanes * kPerLane) break;
        }
        for (auto& w : workers) w.join();
        const Snapshot done = rec.snapshot();
        QCOMPARE(done.task_count(), std::size_t(kLanes * kPerLane));
        std::size_t whole = 0;
        for (const auto& lane : done.lanes) whole += lane.overflow_count();
        QCOMPARE(whole, std::size_t((kLanes * kPerLane + 6) / 7));
        QCOMPARE(done.progress.tasks_done, kLanes * kPerLane);
        QCOMPARE(done.progress.tasks_total, kLanes * kPerLane);
        for (auto st : done.node_states) QCOMPARE(st, NodeState::Done);
        // The first snapshot still shows what it showed.
        const std::size_t early_count = early.task_count();
        QVERIFY(early_count <= done.task_count());
        std::size_t recount = 0;
        for (const auto& lane : early.lanes)
            for (const auto& r : lane) recount += r.end_ns == r.start_ns + 5;
        QCOMPARE(recount, early_count);
    }

    // A reserved log hands out the reserved blocks: views see exactly what was appended, before
    // and after the reservation runs out, and a view taken early stays as it was.
    void reservedLogBehavesLikeAGrowingOne() {
        cs::trace::AppendLog<std::uint64_t> log;
        log.reserve(2 * cs::trace::kLogBlockSize + 5);
        QCOMPARE(log.size(), std::size_t{0});
        QCOMPARE(log.view().size(), std::size_t{0});
        const std::size_t n = 4 * cs::trace::kLogBlockSize + 17;  // past the reservation
        for (std::size_t i = 0; i < n; ++i) {
            log.append(i * 3);
            if (i == 700) {
                const auto early = log.view();
                QCOMPARE(early.size(), std::size_t{701});
                QCOMPARE(early.back(), std::uint64_t{2100});
            }
        }
        const auto all = log.view();
        QCOMPARE(all.size(), n);
        for (std::size_t i = 0; i < n; i += 97) QCOMPARE(all[i], std::uint64_t{i * 3});
        QCOMPARE(all.back(), std::uint64_t{(n - 1) * 3});
    }

    // Task records live in 2 MiB blocks (8,192 of them) from the huge-page allocator: slots
    // start zeroed, a view across the block boundary sees every record, and a packed vector
    // (an imported trace) reads back the same.
    void taskRecordLogUsesLargeBlocks() {
        constexpr std::size_t per_block = cs::trace::kLogBlockItems<TaskRecord>;
        QVERIFY(per_block * sizeof(TaskRecord) <= (std::size_t{2} << 20));
        QVERIFY(per_block >= 4 * cs::trace::kLogBlockSize);
        cs::trace::AppendLog<TaskRecord> log;
        const std::size_t n = per_block + 10;
        std::vector<TaskRecord> copies;
        for (std::size_t i = 0; i < n; ++i) {
            TaskRecord& slot = log.next_slot();
            QCOMPARE(slot.id, std::uint64_t{0});
            QCOMPARE(slot.span_count, std::uint8_t{0});
            slot.id = i;
            slot.start_ns = static_cast<std::int64_t>(i) * 7;
            log.publish();
            copies.push_back(slot);
        }
        const auto view = log.view();
        QCOMPARE(view.size(), n);
        QCOMPARE(view[per_block - 1].id, std::uint64_t{per_block - 1});
        QCOMPARE(view[per_block].start_ns, static_cast<std::int64_t>(per_block) * 7);
        const auto packed = cs::trace::TaskLogView::from_vector(copies);
        QCOMPARE(packed.size(), n);
        QCOMPARE(packed.back().id, std::uint64_t{n - 1});
    }

    void runningTasksAndStates() {
        TraceRecorder rec(RunSettings{}, graph_of(3), 2);
        rec.start();
        rec.task_started(1, 2, TaskKind::Copy, 100);
        Snapshot s = rec.snapshot();
        QCOMPARE(s.status, RunStatus::Running);
        QCOMPARE(s.running.size(), std::size_t(1));
        QCOMPARE(s.running[0].id, std::uint64_t(2));
        QCOMPARE(s.running[0].lane, 1u);
        QCOMPARE(s.node_states[2], NodeState::Running);
        QCOMPARE(s.node_states[0], NodeState::Waiting);
        TaskRecord r = record(2, 1, 100, 200);
        r.failed = true;
        rec.task_finished(r);
        rec.finish(RunStatus::Failed, "boom");
        rec.finish(RunStatus::Finished);  // the first final status wins
        s = rec.snapshot();
        QVERIFY(s.running.empty());
        QCOMPARE(s.node_states[2], NodeState::Failed);
        QCOMPARE(s.status, RunStatus::Failed);
        QCOMPARE(QString::fromStdString(s.error), QString("boom"));
    }

    void visibleRangeIsABinarySearch() {
        TraceRecorder rec(RunSettings{}, graph_of(1000), 1);
        for (std::uint64_t i = 0; i < 1000; ++i)
            rec.task_finished(record(i, 0, static_cast<std::int64_t>(i * 100),
                                     static_cast<std::int64_t>(i * 100 + 60)));
        const Snapshot s = rec.snapshot();
        for (std::int64_t t0 : {-50, 0, 59, 61, 4030, 99990}) {
            for (std::int64_t t1 : {t0, t0 + 1, t0 + 250, t0 + 100000}) {
                auto [first, last] = s.visible_range(0, t0, t1);
                std::size_t bf = 0, bl = 0;
                bool seen = false;
                for (std::size_t i = 0; i < s.lanes[0].size(); ++i) {
                    const auto& r = s.lanes[0][i];
                    if (r.end_ns >= t0 && r.start_ns <= t1) {
                        if (!seen) bf = i;
                        seen = true;
                        bl = i + 1;
                    }
                }
                if (!seen) bf = bl = first;
                QCOMPARE(first, bf);
                QCOMPARE(last, bl);
            }
        }
        QCOMPARE(s.visible_range(5, 0, 10), std::make_pair(std::size_t(0), std::size_t(0)));
    }

    // A task timed inside another on the same lane is published after it (start order kept);
    // a snapshot never shows a task still running; a timer dropped without finish() leaves
    // nothing behind.
    void nestedAndDroppedTimersOnOneLane() {
        TraceRecorder rec(RunSettings{}, graph_of(4), 1);
        rec.start();
        const std::uint64_t coords[] = {7};
        {
            TaskTimer outer(rec, 0, 0, TaskKind::Copy, coords);
            outer.add_raw_in(111);
            QCOMPARE(rec.snapshot().task_count(), std::size_t(0));  // in progress: not visible
            {
                TaskTimer inner(rec, 0, 1, TaskKind::Reduce, coords);
                inner.add_raw_in(222);
                inner.finish(false);
            }
            QCOMPARE(rec.snapshot().task_count(), std::size_t(0));  // waits for the outer one
            outer.finish(false);
        }
        {
            TaskTimer dropped(rec, 0, 2, TaskKind::Combine, coords);
            dropped.add_raw_in(999);
            dropped.add_stored_in(999);
        }  // no finish(): abandoned
        {
            TaskTimer last(rec, 0, 3, TaskKind::Finalize, {});
            last.finish(true);
        }
        const Snapshot s = rec.snapshot();
        QCOMPARE(s.task_count(), std::size_t(3));
        QCOMPARE(s.lanes[0][0].id, std::uint64_t(0));
        QCOMPARE(s.lanes[0][0].bytes_raw_in, std::uint64_t(111));
        QCOMPARE(s.lanes[0][1].id, std::uint64_t(1));
        QCOMPARE(s.lanes[0][1].bytes_raw_in, std::uint64_t(222));
        const TaskRecord& r = s.lanes[0][2];
        QCOMPARE(r.id, std::uint64_t(3));
        QCOMPARE(r.kind, TaskKind::Finalize);
        QVERIFY(r.failed);
        QCOMPARE(r.bytes_raw_in, std::uint64_t(0));  // nothing of the dropped timer's data
        QCOMPARE(r.bytes_stored_in, std::uint64_t(0));
        QCOMPARE(r.rank, std::uint8_t(0));
        QVERIFY(s.lanes[0][0].start_ns <= s.lanes[0][1].start_ns);
    }

    // Nested timers three deep, and an outer timer that finishes before the one inside it: the
    // lane's log still reads in start order (its readers binary-search it by start and end).
    void nestedTasksArePublishedInStartOrder() {
        TraceRecorder rec(RunSettings{}, graph_of(5), 1);
        rec.start();
        const auto tick = [&rec] {  // the next timer starts strictly later
            const std::int64_t t = rec.now();
            while (rec.now() == t) {
            }
        };
        const std::uint64_t coords[] = {0};
        {
            TaskTimer outer(rec, 0, 0, TaskKind::Copy, coords);
            tick();
            {
                TaskTimer middle(rec, 0, 1, TaskKind::Copy, coords);
                tick();
                TaskTimer inner(rec, 0, 2, TaskKind::Copy, coords);
                inner.finish(false);
                middle.finish(false);
            }
            QCOMPARE(rec.snapshot().task_count(), std::size_t(0));
            outer.finish(false);
        }
        tick();
        {
            auto first = std::make_unique<TaskTimer>(rec, 0, 3, TaskKind::Reduce, coords);
            tick();
            TaskTimer second(rec, 0, 4, TaskKind::Reduce, coords);
            first->finish(false);  // before the timer that started inside it
            first.reset();
            QCOMPARE(rec.snapshot().task_count(), std::size_t(3));
            second.finish(false);
        }
        const Snapshot s = rec.snapshot();
        QCOMPARE(s.task_count(), std::size_t(5));
        for (std::uint64_t i = 0; i < 5; ++i) QCOMPARE(s.lanes[0][i].id, i);
        for (std::size_t i = 1; i < 5; ++i)
            QVERIFY(s.lanes[0][i - 1].start_ns < s.lanes[0][i].start_ns);
    }

    void timerRecordsNestedPhases() {
        TraceRecorder rec(RunSettings{}, graph_of(1), 1);
        rec.start();
        const std::uint64_t coords[] = {3, 1};
        {
            TaskTimer t(rec, 0, 0, TaskKind::Copy, coords);
            { auto p = t.phase(Phase::Read); }
            { auto p = t.phase(Phase::Decode); }
            t.add_stored_in(10);
            t.add_raw_in(40);
            t.finish(false);
        }
        const Snapshot s = rec.snapshot();
        QCOMPARE(s.task_count(), std::size_t(1));
        const TaskRecord& r = s.lanes[0][0];
        QCOMPARE(r.rank, std::uint8_t(2));
        QCOMPARE(r.coords[0], std::uint64_t(3));
        QCOMPARE(r.span_count, std::uint8_t(2));
        for (const auto& span : r.phase_spans()) {
            QVERIFY(span.start_ns >= r.start_ns);
            QVERIFY(span.end_ns <= r.end_ns);
        }
        QCOMPARE(s.progress.bytes_read, std::uint64_t(10));
    }

    // A phase started from the last clock reading begins exactly where the one before ended
    // (or at the task's start), and the spans still nest in the task and follow each other.
    void phasesFromTheLastReadingShareTheirBoundary() {
        TraceRecorder rec(RunSettings{}, graph_of(1), 1);
        rec.start();
        {
            TaskTimer t(rec, 0, 0, TaskKind::Reduce, {});
            { auto p = t.phase_from_last(Phase::Read); }
            { auto p = t.phase_from_last(Phase::Decode); }
            { auto p = t.phase(Phase::Compute); }
            t.finish(false);
        }
        const TaskRecord& r = rec.snapshot().lanes[0][0];
        QCOMPARE(r.span_count, std::uint8_t(3));
        const auto spans = r.phase_spans();
        QCOMPARE(spans[0].start_ns, r.start_ns);
        QCOMPARE(spans[1].start_ns, spans[0].end_ns);
        QVERIFY(spans[2].start_ns >= spans[1].end_ns);
        QVERIFY(spans[2].end_ns <= r.end_ns);
        QCOMPARE(r.phase_ns[static_cast<std::size_t>(Phase::Decode)],
                 spans[1].end_ns - spans[1].start_ns);
    }

    // Spans are stored as 32-bit offsets from the task's start: exact to the nanosecond for a
    // task deep into a long run.
    void spansKeepNanosecondsLateInARun() {
        TaskRecord r;
        r.start_ns = 3'600'000'000'123;  // an hour into the run
        r.add_span(Phase::LockWait, r.start_ns + 1, r.start_ns + 7);
        r.add_span(Phase::Read, r.start_ns + 7, r.start_ns + 4'000'000'000);
        r.add_span(Phase::Decode, r.start_ns + 4'000'000'000, r.start_ns + 4'294'967'295);
        r.end_ns = r.start_ns + 4'294'967'295;
        const auto spans = r.phase_spans();
        QCOMPARE(spans.size(), std::size_t(3));
        QCOMPARE(spans[0].phase, Phase::LockWait);
        QCOMPARE(spans[0].start_ns, r.start_ns + 1);
        QCOMPARE(spans[0].end_ns, r.start_ns + 7);
        QCOMPARE(spans[1].end_ns, r.start_ns + 4'000'000'000);
        QCOMPARE(spans[2].phase, Phase::Decode);
        QCOMPARE(spans[2].end_ns, r.end_ns);
    }

    // A task longer than 2^32 ns coarsens its spans' resolution instead of losing them: they
    // stay in order, inside the task, each bound within the resolution of the truth, and the
    // per-phase totals stay exact.
    void spansOfAVeryLongTaskCoarsen() {
        TaskRecord r;
        r.start_ns = 5'000;
        const std::int64_t s = r.start_ns;
        const std::int64_t bounds[] = {s + 3, s + 1'000'000'001, s + 4'500'000'001,
                                       s + 9'000'000'003, s + 20'000'000'007};
        for (int i = 0; i + 1 < 5; ++i)
            r.add_span(static_cast<Phase>(i + 1), bounds[i], bounds[i + 1]);
        r.end_ns = bounds[4];
        const auto spans = r.phase_spans();
        QCOMPARE(spans.size(), std::size_t(4));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(spans[i].phase, static_cast<Phase>(i + 1));
            QVERIFY(spans[i].start_ns >= r.start_ns && spans[i].end_ns <= r.end_ns);
            QVERIFY(spans[i].start_ns <= spans[i].end_ns);
            if (i) QCOMPARE(spans[i].start_ns, spans[i - 1].end_ns);
            // 20 s needs offsets in units of 8 ns (2^32 * 8 ns = 34 s).
            QVERIFY(std::abs(spans[i].start_ns - bounds[i]) < 8);
            QVERIFY(std::abs(spans[i].end_ns - bounds[i + 1]) < 8);
            QCOMPARE(r.phase_ns[static_cast<std::size_t>(i + 1)], bounds[i + 1] - bounds[i]);
        }
    }

    void coordinatesBeyond32BitsSaturate() {
        TaskRecord r;
        const std::uint64_t c[] = {7, 0xffff'ffffULL, std::uint64_t{1} << 40};
        r.set_coords(c);
        QCOMPARE(r.chunk().size(), std::size_t(3));
        QCOMPARE(r.chunk()[0], 7u);
        QCOMPARE(r.chunk()[1], 0xffff'ffffu);
        QCOMPARE(r.chunk()[2], 0xffff'ffffu);
    }

    void recordingOffCountsOnly() {
        RunSettings settings;
        settings.record_tasks = false;
        TraceRecorder rec(settings, graph_of(1), 1);
        rec.start();
        TaskTimer t(rec, 0, 0, TaskKind::Copy, {});
        t.finish(false);
        const Snapshot s = rec.snapshot();
        QCOMPARE(s.task_count(), std::size_t(0));
        QCOMPARE(s.progress.tasks_done, std::uint64_t(1));
    }

    void manyPhasesExtendTheLastSpan() {
        TaskRecord r;
        for (int i = 0; i < 40; ++i)
            r.add_span(i % 2 ? Phase::Decode : Phase::Read, i * 10, i * 10 + 10);
        QCOMPARE(std::size_t(r.span_count), kMaxPhaseSpans);
        QCOMPARE(r.phase_ns[static_cast<int>(Phase::Read)], std::int64_t(200));
        QCOMPARE(r.phase_ns[static_cast<int>(Phase::Decode)], std::int64_t(200));
    }
};

QTEST_GUILESS_MAIN(TestTraceRecorder)
#include "tst_trace_recorder.moc"
