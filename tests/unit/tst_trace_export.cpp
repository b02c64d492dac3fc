// Trace exports: the Chrome trace JSON parses (ours and Python's json), its phases nest inside
// their tasks, and importing it gives back the same run; CSV and summary numbers; bad files give
// clear errors.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/json/json.h"
#include "core/trace/chrome_trace.h"
#include "core/trace/csv.h"
#include "core/trace/recorder.h"
#include "core/trace/summary.h"

using namespace cs::trace;

namespace {

Snapshot sample_run() {
    auto g = std::make_shared<TaskGraph>();
    for (std::uint64_t i = 0; i < 4; ++i)
        g->nodes.push_back(TaskNode{i,
                                    i < 3 ? TaskKind::Reduce : TaskKind::Combine,
                                    {i, 2},
                                    "task \"" + std::to_string(i) + "\"",
                                    i < 3 ? 0u : 1u});
    for (std::uint64_t i = 0; i < 3; ++i) g->edges.push_back(TaskEdge{i, 3});
    g->nodes[0].more_chunks = {0, 3, 0, 4};  // a leaf over three chunks: (0,2), (0,3), (0,4)
    RunSettings settings;
    settings.threads = 2;
    settings.storage_lock = true;
    settings.fan_in = 5;
    settings.chunks_per_task = 20;
    settings.operation = "sum(x)";
    settings.inputs = {"x=data/x.zarr"};
    TraceRecorder rec(settings, g, 2);
    for (std::uint64_t i = 0; i < 4; ++i) {
        TaskRecord r;
        r.id = i;
        r.kind = g->nodes[i].kind;
        r.lane = static_cast<std::uint32_t>(i % 2);
        r.set_coords(g->nodes[i].coords);
        r.start_ns = 1000 + static_cast<std::int64_t>(i) * 10'000'001;
        r.end_ns = r.start_ns + 9'000'007;
        r.add_span(Phase::LockWait, r.start_ns + 1, r.start_ns + 1001);
        r.add_span(Phase::Read, r.start_ns + 1001, r.start_ns + 3'000'000);
        r.add_span(Phase::Decode, r.start_ns + 3'000'000, r.start_ns + 8'000'000);
        r.add_span(Phase::Compute, r.start_ns + 8'000'000, r.start_ns + 9'000'000);
        // The combine's fifth span is more than a packed record holds: its lane keeps it whole.
        if (i == 3) r.add_span(Phase::Write, r.start_ns + 9'000'000, r.start_ns + 9'000'005);
        r.bytes_stored_in = 100 + i;
        r.bytes_raw_in = 4000;
        rec.add_bytes(r.lane, r.bytes_stored_in, 0);
        rec.task_finished(r);
    }
    for (int k = 1; k <= 3; ++k) {
        ResourceSample s;
        s.t_ns = k * 15'000'000;
        s.cpu_user_pct = 150;
        s.cpu_system_pct = 25.5;
        s.rss_bytes = 1000000u * k;
        s.read_bytes = 4096u * k;
        s.core_busy_pct = {90.5f, 80.25f};
        rec.add_sample(s);
    }
    cs::Json meta = cs::Json::object();
    meta["stored_bytes"] = 12345;
    rec.set_metadata(meta);
    rec.finish(RunStatus::Finished);
    Snapshot s = rec.snapshot();
    s.now_ns = 45'000'000;
    return s;
}

}  // namespace

class TestTraceExport : public QObject {
    Q_OBJECT
private slots:
    void chromeTracePhasesNestInTasks() {
        const Snapshot run = sample_run();
        const std::string text = chrome_trace_json(run);
        auto doc = cs::parse_json(text, "trace.json");
        QVERIFY2(doc.has_value(), doc ? "" : doc.error().describe().c_str());
        const cs::Json* events = doc->find("traceEvents");
        QVERIFY(events && events->is_array());
        std::vector<const cs::Json*> tasks, phases;
        int counters = 0, names = 0;
        for (const auto& e : events->as_array()) {
            const std::string ph = e.find("ph")->as_string();
            if (ph == "X") (e.find("cat")->as_string() == "phase" ? phases : tasks).push_back(&e);
            if (ph == "C") ++counters;
            if (ph == "M") ++names;
        }
        QCOMPARE(tasks.size(), std::size_t(4));
        QCOMPARE(phases.size(), std::size_t(17));  // four spans a task, five in the combine
        QCOMPARE(counters, 12);
        QCOMPARE(names, 3);  // the process and two lanes
        for (const cs::Json* p : phases) {
            const auto task = p->find("args")->find("task")->as_uint();
            const cs::Json* t = tasks[0];
            for (const cs::Json* c : tasks)
                if (c->find("args")->find("id")->as_uint() == task) t = c;
            const double ts = p->find("ts")->as_double(), te = ts + p->find("dur")->as_double();
            const double tts = t->find("ts")->as_double(), tte = tts + t->find("dur")->as_double();
            QVERIFY(ts >= tts - 1e-9);
            QVERIFY(te <= tte + 1e-9);
            QCOMPARE(p->find("tid")->as_uint(), t->find("tid")->as_uint());
        }
        const cs::Json* other = doc->find("otherData")->find("chunkscope");
        QCOMPARE(other->find("settings")->find("storage_lock")->as_bool(), true);
        QCOMPARE(other->find("metadata")->find("stored_bytes")->as_int(), std::int64_t(12345));
    }

    void pythonJsonReadsIt() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("t.json").toStdString();
        QVERIFY(write_chrome_trace(sample_run(), path).has_value());
        QProcess py;
        py.start(CS_PYTHON, {"-c",
                             "import json,sys; d=json.load(open(sys.argv[1])); "
                             "print(sum(1 for e in d['traceEvents'] if e['ph']=='X'))",
                             QString::fromStdString(path)});
        QVERIFY(py.waitForFinished(60000));
        QCOMPARE(py.exitCode(), 0);
        QCOMPARE(py.readAllStandardOutput().trimmed(), QByteArray("21"));  // 4 tasks, 17 spans
    }

    void importGivesBackTheRun() {
        const Snapshot run = sample_run();
        auto back = parse_chrome_trace(chrome_trace_json(run), "t.json");
        QVERIFY2(back.has_value(), back ? "" : back.error().describe().c_str());
        QCOMPARE(back->status, RunStatus::Finished);
        QCOMPARE(back->settings.threads, 2u);
        QVERIFY(back->settings.storage_lock);
        QCOMPARE(back->settings.fan_in, 5u);
        QCOMPARE(back->settings.chunks_per_task, 20u);
        QCOMPARE(back->settings.operation, std::string("sum(x)"));
        QCOMPARE(back->settings.inputs.size(), std::size_t(1));
        QCOMPARE(back->now_ns, std::int64_t(45'000'000));
        QCOMPARE(back->graph->size(), std::size_t(4));
        QCOMPARE(back->graph->edges.size(), std::size_t(3));
        QCOMPARE(back->graph->nodes[1].label, std::string("task \"1\""));
        QCOMPARE(back->graph->nodes[0].more_chunks, (std::vector<std::uint64_t>{0, 3, 0, 4}));
        QCOMPARE(back->graph->nodes[0].chunk_count(), std::size_t(3));
        QVERIFY(back->graph->nodes[1].more_chunks.empty());
        QCOMPARE(run.lanes[1].overflow_count() + back->lanes[1].overflow_count(), std::size_t(2));
        const auto a = run.all_records(), b = back->all_records();
        QCOMPARE(b.size(), a.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].id, a[i].id);
            QCOMPARE(b[i].lane, a[i].lane);
            QCOMPARE(b[i].kind, a[i].kind);
            QCOMPARE(b[i].start_ns, a[i].start_ns);
            QCOMPARE(b[i].end_ns, a[i].end_ns);
            QCOMPARE(b[i].rank, a[i].rank);
            QCOMPARE(b[i].coords, a[i].coords);
            QCOMPARE(b[i].span_count, a[i].span_count);
            QCOMPARE(b[i].phase_ns, a[i].phase_ns);
            QCOMPARE(b[i].bytes_stored_in, a[i].bytes_stored_in);
            QCOMPARE(b[i].bytes_raw_in, a[i].bytes_raw_in);
        }
        QCOMPARE(back->samples.size(), std::size_t(3));
        QCOMPARE(back->samples[1].rss_bytes, std::uint64_t(2000000));
        QCOMPARE(back->samples[2].core_busy_pct.size(), std::size_t(2));
        QCOMPARE(back->samples[0].cpu_system_pct, 25.5);
        QCOMPARE(back->node_states[3], NodeState::Done);
        // Exporting the import again gives the same document.
        QCOMPARE(chrome_trace_json(*back), chrome_trace_json(run));
    }

    void badTracesAreClearErrors_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << "{nope"
                                  << "t.json";
        QTest::newRow("no events") << "{\"a\": 1}"
                                   << "no traceEvents";
        QTest::newRow("x without ts") << "{\"traceEvents\":[{\"ph\":\"X\",\"tid\":0}]}"
                                      << "no ts/dur";
        QTest::newRow("orphan phase") << "{\"traceEvents\":[{\"ph\":\"X\",\"tid\":0,\"ts\":5,"
                                         "\"dur\":1,\"cat\":\"phase\",\"name\":\"read\"}]}"
                                      << "outside every task";
        QTest::newRow("huge lane")
            << "{\"traceEvents\":[{\"ph\":\"X\",\"tid\":99999999,\"ts\":5,\"dur\":1}]}"
            << "implausible";
        QTest::newRow("bad graph")
            << "{\"traceEvents\":[],\"otherData\":{\"chunkscope\":{\"graph\":{\"nodes\":[[0,"
               "\"copy\",[],\"a\",0]],\"edges\":[[0,7]]}}}}"
            << "does not exist";
        QTest::newRow("further chunks of another rank")
            << "{\"traceEvents\":[],\"otherData\":{\"chunkscope\":{\"graph\":{\"nodes\":[[0,"
               "\"reduce\",[0,1],\"a\",0,[0,2,0]]],\"edges\":[]}}}}"
            << "do not match the rank";
    }
    void badTracesAreClearErrors() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        auto r = parse_chrome_trace(text.toStdString(), "t.json");
        QVERIFY(!r.has_value());
        const QString got = QString::fromStdString(r.error().describe());
        QVERIFY2(got.contains(message) && got.contains("t.json"), qPrintable(got));
    }

    void missingFileIsNotFound() {
        auto r = import_chrome_trace("/nonexistent/trace.json");
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, cs::ErrorCode::NotFound);
        QVERIFY(r.error().message.find("/nonexistent/trace.json") != std::string::npos);
        auto w = write_chrome_trace(sample_run(), "/nonexistent/dir/t.json");
        QVERIFY(!w.has_value());
        QCOMPARE(w.error().code, cs::ErrorCode::Io);
    }

    void csvHasOneRowPerTask() {
        const std::string csv = tasks_csv(sample_run());
        const auto lines = QString::fromStdString(csv).trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith(
            "id,kind,lane,chunk,start_ns,end_ns,duration_ns,lock_wait_ns,read_ns"));
        QVERIFY(lines[1].startsWith(
            "0,reduce,0,0.2,1000,9001007,9000007,1000,2998999,5000000,1000000,0,0,100,4000,0,0,0"));
    }

    void summaryNumbers() {
        const RunSummary s = summarize(sample_run());
        QCOMPARE(s.tasks, std::uint64_t(4));
        QCOMPARE(s.wall_s, 0.045);
        QCOMPARE(s.raw_bytes_in, std::uint64_t(16000));
        QCOMPARE(s.bytes_read, std::uint64_t(100 + 101 + 102 + 103));
        QCOMPARE(s.peak_rss_bytes, std::uint64_t(3000000));
        QVERIFY(std::abs(s.cpu_pct - 175.5) < 1e-9);
        QVERIFY(std::abs(s.phase_s[0] - 4e-6) < 1e-12);
        QVERIFY(std::abs(s.lock_wait_share - 1000.0 / 9'000'007) < 1e-12);
        const cs::Json j = summary_json(sample_run());
        QCOMPARE(j.find("status")->as_string(), std::string("finished"));
        QVERIFY(j.find("phase_s")->find("decode"));
    }
};

QTEST_GUILESS_MAIN(TestTraceExport)
#include "tst_trace_export.moc"
