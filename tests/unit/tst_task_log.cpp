// A lane's task log keeps the common task in a 96-byte packed slot and anything else whole:
// either way a reader gets back exactly the record that was appended, in order, and the binary
// searches over the packed times agree with a scan.
#include <QtTest>

#include <sys/mman.h>

#include <cstdint>
#include <random>
#include <vector>

#include "bench/tiny_task_record.h"
#include "core/trace/recorder.h"
#include "core/trace/task_log.h"
#include "core/trace/task_timer.h"

using namespace cs::trace;

namespace {

// Every field a reader can see, spans included.
void compareRecords(const TaskRecord& got, const TaskRecord& want) {
    QCOMPARE(got.id, want.id);
    QCOMPARE(got.start_ns, want.start_ns);
    QCOMPARE(got.end_ns, want.end_ns);
    QCOMPARE(got.lane, want.lane);
    QCOMPARE(got.kind, want.kind);
    QCOMPARE(got.failed, want.failed);
    QCOMPARE(got.rank, want.rank);
    for (std::size_t i = 0; i < want.rank; ++i) QCOMPARE(got.coords[i], want.coords[i]);
    QCOMPARE(got.bytes_stored_in, want.bytes_stored_in);
    QCOMPARE(got.bytes_raw_in, want.bytes_raw_in);
    QCOMPARE(got.bytes_raw_out, want.bytes_raw_out);
    QCOMPARE(got.bytes_stored_out, want.bytes_stored_out);
    for (std::size_t p = 0; p < kPhaseCount; ++p) QCOMPARE(got.phase_ns[p], want.phase_ns[p]);
    const auto a = got.phase_spans(), b = want.phase_spans();
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < b.size(); ++i) {
        QCOMPARE(a[i].phase, b[i].phase);
        QCOMPARE(a[i].start_ns, b[i].start_ns);
        QCOMPARE(a[i].end_ns, b[i].end_ns);
    }
}

// A record with `spans` back-to-back spans of 100 + 10 i ns, starting at `start`.
TaskRecord task(std::uint64_t id, std::int64_t start, std::size_t spans, std::size_t rank) {
    TaskRecord r;
    r.id = id;
    r.lane = static_cast<std::uint32_t>(id % 3);
    r.kind = static_cast<TaskKind>(id % 6);
    r.failed = id % 5 == 0;
    r.start_ns = start;
    std::vector<std::uint64_t> coords;
    for (std::size_t a = 0; a < rank; ++a) coords.push_back(id * 10 + a);
    r.set_coords(coords);
    std::int64_t t = start + 7;
    for (std::size_t i = 0; i < spans; ++i) {
        const std::int64_t d = 100 + 10 * static_cast<std::int64_t>(i);
        r.add_span(static_cast<Phase>((id + i) % kPhaseCount), t, t + d);
        t += d + 3;
    }
    r.end_ns = t + 11;
    r.bytes_stored_in = id * 3;
    r.bytes_raw_in = id * 5 + 1;
    r.bytes_raw_out = id * 7 + 2;
    r.bytes_stored_out = id * 11 + 3;
    return r;
}

}  // namespace

class TestTaskLog : public QObject {
    Q_OBJECT
private slots:
    // A lane expecting many records gets its first block's page before the run starts (it had
    // filled 2 MiB of 4 KiB pages, 512 faults, during the run); a chunk-sized lane's first block
    // stays unmapped until written, in small pages (tst_large_buffer). First in this file: no
    // freed block is cached yet, and a cached block would be mapped already.
    void aLargeReservationMapsItsFirstBlockUpFront() {
        const auto resident = [](const void* p) {
            const auto page = reinterpret_cast<std::uintptr_t>(p) & ~std::uintptr_t{4095};
            unsigned char in_core = 0;
            return ::mincore(reinterpret_cast<void*>(page), 4096, &in_core) == 0 &&
                   (in_core & 1) != 0;
        };
        AppendLog<PackedTask> few;
        few.reserve(100);
        QVERIFY(!resident(&few.next_slot()));
        AppendLog<PackedTask> many;
        many.reserve(100'000);
        QVERIFY(resident(&many.next_slot()));
    }

    // Up to 4 spans and rank 3, any kind, failed or not, byte counts up to 4 GiB - 1: packed,
    // and read back field for field.
    void packedRecordsReadBackExactly() {
        for (std::size_t spans = 0; spans <= kPackedSpans; ++spans) {
            for (std::size_t rank = 0; rank <= kPackedRank; ++rank) {
                TaskRecord r = task(spans * 10 + rank, 1'000'000 + 17 * spans, spans, rank);
                if (rank == 2) r.bytes_raw_out = 0xffff'ffff;
                PackedTask p{};
                QVERIFY(pack_task(r, p));
                compareRecords(unpack_task(p), r);
            }
        }
    }

    // What the packed form cannot hold is kept whole, and a log mixing both kinds reads back
    // every record, in order.
    void recordsThatDoNotFitStayWhole() {
        std::vector<TaskRecord> misfits;
        misfits.push_back(task(1, 0, kPackedSpans + 1, 1));    // five spans
        misfits.push_back(task(2, 0, 2, kPackedRank + 1));     // a 4-D chunk
        misfits.push_back(task(3, 0, kMaxPhaseSpans + 4, 2));  // spans merged: totals say more
        TaskRecord big = task(4, 0, 1, 1);
        big.bytes_stored_in = std::uint64_t{1} << 32;  // a 4 GiB chunk
        misfits.push_back(big);
        TaskRecord slow = task(5, 0, 0, 1);
        slow.add_span(Phase::Compute, 0, std::int64_t{5} << 30);  // 5.4 s: coarser offsets
        slow.end_ns = std::int64_t{6} << 30;
        misfits.push_back(slow);
        TaskRecord early = task(6, 1000, 1, 1);
        early.add_span(Phase::LockWait, 900, 1100);  // began before the task: clamped
        misfits.push_back(early);
        TaskRecord far_lane = task(7, 0, 1, 1);
        far_lane.lane = 70'000;
        misfits.push_back(far_lane);
        for (const auto& r : misfits) {
            PackedTask p{};
            QVERIFY2(!pack_task(r, p), qPrintable(QString("record %1 packed").arg(r.id)));
        }

        std::vector<TaskRecord> all;
        std::int64_t t = 0;
        for (std::size_t i = 0; i < 3 * misfits.size(); ++i) {
            TaskRecord r = i % 3 == 1 ? misfits[i / 3] : task(100 + i, 0, 3, 1);
            r.start_ns += t;  // keep the lane in start order
            r.end_ns += t;
            t = r.end_ns + 1;
            all.push_back(r);
        }
        const TaskLogView view = TaskLogView::from_vector(all);
        QCOMPARE(view.size(), all.size());
        QCOMPARE(view.overflow_count(), misfits.size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            compareRecords(view[i], all[i]);
            QCOMPARE(view.start_ns(i), all[i].start_ns);
            QCOMPARE(view.end_ns(i), all[i].end_ns);
        }
    }

    // The engine's tiny task (a chunk coordinate, read, decode, compute, two byte counts) and a
    // copy task (3-D chunk, read, decode, encode, write) both pack: a recorded run keeps no
    // record whole.
    void timedTasksPack() {
        TraceRecorder rec(RunSettings{}, std::make_shared<TaskGraph>(), 1);
        rec.start();
        for (std::uint64_t i = 0; i < 1000; ++i) {
            time_tiny_task(rec, 0, i);
            const std::uint64_t chunk[] = {i, 2, 0};
            TaskTimer c(rec, 0, i, TaskKind::Copy, chunk);
            for (Phase ph : {Phase::Read, Phase::Decode, Phase::Encode, Phase::Write}) {
                auto phase = c.phase(ph);
            }
            c.add_stored_out(300'000);
            c.finish(false);
        }
        const Snapshot s = rec.snapshot();
        QCOMPARE(s.task_count(), std::size_t(2000));
        QCOMPARE(s.lanes[0].overflow_count(), std::size_t(0));
        const TaskRecord copy = s.lanes[0][1999];
        QCOMPARE(copy.span_count, std::uint8_t(4));
        QCOMPARE(copy.rank, std::uint8_t(3));
        QCOMPARE(copy.bytes_stored_out, std::uint64_t(300'000));
    }

    // The searches a painter and visible_range() use agree with a scan of the lane.
    void searchesMatchAScan() {
        std::mt19937_64 rng(42);
        std::vector<TaskRecord> lane;
        std::int64_t t = 0;
        for (std::uint64_t i = 0; i < 500; ++i) {
            t += static_cast<std::int64_t>(rng() % 50);
            TaskRecord r = task(i, t, i % 6, 1);  // some overflow (5 spans)
            t = r.end_ns + static_cast<std::int64_t>(rng() % 3);
            lane.push_back(r);
        }
        const TaskLogView view = TaskLogView::from_vector(lane);
        QVERIFY(view.overflow_count() > 0);
        const auto scan = [&](std::size_t from, std::size_t to, auto pred) {
            std::size_t i = from;
            while (i < to && !pred(lane[i])) ++i;
            return i;
        };
        for (int trial = 0; trial < 300; ++trial) {
            const std::int64_t at = static_cast<std::int64_t>(rng() % (t + 100)) - 50;
            const std::size_t from = rng() % lane.size();
            const std::size_t to = from + rng() % (lane.size() - from + 1);
            QCOMPARE(view.first_ending_at_or_after(at, from, to),
                     scan(from, to, [&](const TaskRecord& r) { return r.end_ns >= at; }));
            QCOMPARE(view.first_starting_after(at, from, to),
                     scan(from, to, [&](const TaskRecord& r) { return r.start_ns > at; }));
            QCOMPARE(view.first_starting_at_or_after(at, from, to),
                     scan(from, to, [&](const TaskRecord& r) { return r.start_ns >= at; }));
        }
    }
};

QTEST_APPLESS_MAIN(TestTaskLog)
#include "tst_task_log.moc"
