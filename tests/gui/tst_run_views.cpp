// The run views end to end, offscreen: a copy and a reduction run through the run panel on a
// Zarr array written by zarr-python; the Gantt has one lane per thread and one task per plan
// node; the statistics, graph and comparison show the runs; profiles save and reopen; the HTML
// report holds the SVG pictures; bad requests give clear errors and no crash; converting the array
// before a compared reduction happens off the GUI thread and can be cancelled.
#include <QProgressBar>
#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QValueAxis>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/engine/executor.h"
#include "core/store/directory_store.h"
#include "core/trace/chrome_trace.h"
#include "core/zarr/zarr.h"
#include "ui/painters/run_style.h"
#include "ui/run/compare_dialog.h"
#include "ui/run/comparison_view.h"
#include "ui/run/gantt_view.h"
#include "ui/run/resource_chart_view.h"
#include "ui/run/run_panel.h"
#include "ui/run/run_workspace.h"
#include "ui/run/statistics_view.h"
#include "ui/run/task_graph_view.h"

using cs::ui::RunWorkspace;

namespace {

// The fixture array behind a gate: every stored-chunk read waits until the test opens it (at
// most 30 s, then fails, so a mistake cannot hang the test). A conversion reading it is "under
// way" for as long as the test wants, however fast the machine.
class GatedArray final : public cs::ChunkedArray {
public:
    explicit GatedArray(std::shared_ptr<const cs::ChunkedArray> inner) : inner_(std::move(inner)) {}

    void open() { open_.store(true); }
    int waitingReads() const { return waiting_.load(); }

    const cs::ArrayMeta& meta() const override { return inner_->meta(); }
    std::string describe() const override { return "gated:" + inner_->describe(); }
    std::vector<cs::InfoField> info() const override { return inner_->info(); }
    cs::Result<std::optional<cs::Bytes>> read_stored_chunk(std::span<const std::uint64_t> coords,
                                                           cs::ReadStats* stats) const override {
        ++waiting_;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!open_.load() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        --waiting_;
        if (!open_.load()) return cs::fail(cs::ErrorCode::Io, "gated array: never opened");
        return inner_->read_stored_chunk(coords, stats);
    }
    cs::Result<cs::Bytes> decode_chunk(std::span<const std::uint64_t> coords,
                                       cs::Bytes stored) const override {
        return inner_->decode_chunk(coords, std::move(stored));
    }
    cs::Result<std::vector<cs::ChunkStorage>> chunk_storage() const override {
        return inner_->chunk_storage();
    }

private:
    std::shared_ptr<const cs::ChunkedArray> inner_;
    std::atomic<bool> open_{false};
    mutable std::atomic<int> waiting_{0};
};

cs::ui::RunRequest convertedReduction(cs::ui::CopyBackend backend) {
    cs::ui::RunRequest r;
    r.operation = cs::ui::RunOperation::Reduce;
    r.reduceOp = "sum";
    r.axes = std::vector<std::int64_t>{1};
    r.convertTo = backend;
    r.settings.threads = 1;
    r.settings.sample_interval_ms = 20;
    return r;
}

}  // namespace

class TstRunViews : public QObject {
    Q_OBJECT
private:
    // Runs a sum over axis 1 of source_ (4 blocks of 4 chunks) from the panel with
    // `chunksPerTask` (0: auto) and `threads`, and checks that its leaves took `chunks` chunks
    // each: in the run's settings, its name and its number of leaves.
    void runGroupedSum(RunWorkspace& ws, int chunksPerTask, int threads, std::uint32_t chunks) {
        ws.panel()->operationBox()->setCurrentIndex(1);  // reduction
        ws.panel()->reduceBox()->setCurrentText(QStringLiteral("sum"));
        ws.panel()->axesEdit()->setText(QStringLiteral("1"));
        ws.panel()->chunksPerTaskSpin()->setValue(chunksPerTask);
        ws.panel()->threadsSpin()->setValue(threads);
        QVERIFY(runPanel(ws));
        const auto run = ws.runAt(0).run;
        QCOMPARE(run.status, cs::trace::RunStatus::Finished);
        QCOMPARE(run.settings.chunks_per_task, chunks);
        QVERIFY2(ws.runAt(0).name.contains(QStringLiteral("%1 chunks/task").arg(chunks)),
                 qPrintable(ws.runAt(0).name));
        std::size_t leaves = 0;
        for (const auto& r : run.all_records()) leaves += r.kind == cs::trace::TaskKind::Reduce;
        QCOMPARE(leaves, std::size_t{16 / chunks});
    }

    QTemporaryDir dir_;
    std::shared_ptr<const cs::ChunkedArray> source_;

    // Runs `variants` over the fixture array and waits for the comparison to end.
    bool runComparison(RunWorkspace& ws, const std::vector<cs::ui::ComparisonVariant>& variants) {
        ws.setArray(source_, QStringLiteral("source.zarr"));
        QSignalSpy done(&ws, &RunWorkspace::comparisonFinished);
        return ws.startComparison(variants) && (done.count() == 1 || done.wait(120000));
    }

    // Runs the panel's request and waits for the run to end (the UI stays responsive).
    bool runPanel(RunWorkspace& ws) {
        QSignalSpy done(&ws, &RunWorkspace::runFinished);
        if (!ws.runFromPanel()) return false;
        return done.wait(60000) || done.count() == 1;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QProcess py;
        py.start(QStringLiteral(CS_PYTHON),
                 {QStringLiteral(CS_TESTS_DIR "/gui/fixtures/make_run_fixture.py"), dir_.path()});
        QVERIFY(py.waitForFinished(60000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        auto store =
            std::make_shared<cs::DirectoryStore>((dir_.path() + "/source.zarr").toStdString());
        auto array = cs::open_zarr_array(store, "");
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        source_ = std::shared_ptr<const cs::ChunkedArray>(std::move(*array));
    }

    void copyThroughThePanel() {
        RunWorkspace ws;
        ws.resize(1200, 800);
        ws.show();
        ws.setArray(source_, QStringLiteral("source.zarr"));
        ws.panel()->operationBox()->setCurrentIndex(0);  // copy
        ws.panel()->backendBox()->setCurrentIndex(0);    // Zarr blosc-lz4
        ws.panel()->threadsSpin()->setValue(ws.panel()->threadsSpin()->maximum());
        // The status bar's task count: none before a run (it read "0 / 100 tasks"), then the
        // run's own.
        auto* progress = ws.statusWidget()->findChild<QProgressBar*>();
        QVERIFY(progress);
        QCOMPARE(progress->text(), QStringLiteral("no run yet"));
        QVERIFY(runPanel(ws));
        QCOMPARE(progress->text(), QStringLiteral("16 / 16 tasks"));
        QCOMPARE(ws.runCount(), std::size_t{1});
        const auto run = ws.runAt(0).run;  // a copy: runs_ grows below
        QCOMPARE(run.status, cs::trace::RunStatus::Finished);
        const auto threads = static_cast<std::size_t>(ws.panel()->threadsSpin()->value());
        // One lane per worker thread, one finished task per plan node (16 chunks).
        QCOMPARE(ws.gantt()->run().lanes.size(), threads);
        QCOMPARE(run.lanes.size(), threads);
        QCOMPARE(run.task_count(), run.graph->size());
        QCOMPARE(run.task_count(), std::size_t{16});
        QCOMPARE(ws.gantt()->run().task_count(), std::size_t{16});
        // The Qt Charts resources hold one point per sample; the CPU axis ends at 100 x cores.
        QCOMPARE(static_cast<std::size_t>(ws.resources()->cpuSeries()->count()),
                 run.samples.size());
        QCOMPARE(static_cast<std::size_t>(ws.resources()->rssSeries()->count()),
                 run.samples.size());
        std::size_t cores = run.samples.empty() ? 0 : run.samples[0].core_busy_pct.size();
        if (cores == 0) cores = std::thread::hardware_concurrency();
        QCOMPARE(ws.resources()->cpuAxis()->max(), 100.0 * static_cast<double>(cores));
        // The statistics cover every chunk; the graph laid out every task.
        ws.statistics()->refresh();
        QCOMPARE(ws.statistics()->statistics().chunks.size(), std::size_t{16});
        QCOMPARE(ws.statistics()->statistics().tasks, std::uint64_t{16});
        std::size_t members = 0;
        for (const auto& b : ws.graph()->layout().boxes) members += b.members.size();
        QCOMPARE(members, std::size_t{16});
        QVERIFY(ws.graph()->layout().error.isEmpty());
        // A task's tooltip names its kind and every phase it spent time in. (The source and
        // target codecs are equal here, so the copy moves stored bytes: read and write only.)
        const auto first = run.lanes[0].size() > 0 ? run.lanes[0][0] : run.all_records().front();
        const QString tip = cs::ui::GanttView::describeTask(first);
        QVERIFY(tip.contains(QStringLiteral("copy")));
        QVERIFY(first.phase_ns[static_cast<std::size_t>(cs::trace::Phase::Read)] > 0);
        for (std::size_t p = 0; p < cs::trace::kPhaseCount; ++p) {
            if (first.phase_ns[p] == 0) continue;
            const QString label = cs::ui::phaseLabel(static_cast<cs::trace::Phase>(p));
            QVERIFY2(tip.contains(label), qPrintable(label + " missing from " + tip));
        }
    }

    void reductionThroughThePanelAndReport() {
        RunWorkspace ws;
        ws.resize(1200, 800);
        ws.show();
        ws.setArray(source_, QStringLiteral("source.zarr"));
        ws.panel()->operationBox()->setCurrentIndex(1);  // reduction
        ws.panel()->reduceBox()->setCurrentText(QStringLiteral("sum"));
        ws.panel()->axesEdit()->setText(QStringLiteral("1"));
        ws.panel()->threadsSpin()->setValue(1);
        ws.panel()->chunksPerTaskSpin()->setValue(1);  // a leaf per chunk and a combine tree
        QVERIFY(runPanel(ws));
        const auto run = ws.runAt(0).run;  // a copy: runs_ grows below
        QCOMPARE(run.status, cs::trace::RunStatus::Finished);
        QCOMPARE(run.lanes.size(), std::size_t{1});
        QCOMPARE(ws.gantt()->run().lanes.size(), std::size_t{1});
        QCOMPARE(run.task_count(), run.graph->size());
        QVERIFY(run.task_count() > 16);  // 16 leaves + combines + finalize

        // Report: one self-contained HTML with the SVG pictures.
        const QString report = dir_.path() + "/report.html";
        auto written = ws.exportReport(report);
        QVERIFY2(written.has_value(), written ? "" : written.error().message.c_str());
        QFile f(report);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(f.readAll());
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.count(QStringLiteral("<svg")) >=
                6);  // CPU, memory, disk, Gantt, graph, heatmap
        QVERIFY(html.contains(QStringLiteral("task Gantt")));
        QVERIFY(html.contains(QStringLiteral("chunk cost heatmap")));
        QVERIFY(html.contains(QStringLiteral("task graph")));
        QVERIFY(html.contains(QStringLiteral("lock wait")));
        QVERIFY(!html.contains(QStringLiteral("<?xml")));

        // Profiles: save, reopen as a run, compare it with the live one.
        const QString profile = dir_.path() + "/reduce.json";
        QVERIFY(ws.saveProfile(0, profile).has_value());
        auto opened = ws.openProfile(profile);
        QVERIFY2(opened.has_value(), opened ? "" : opened.error().message.c_str());
        QCOMPARE(ws.runCount(), std::size_t{2});
        QCOMPARE(ws.runAt(1).run.task_count(), run.task_count());
        QCOMPARE(ws.runAt(1).run.lanes.size(), run.lanes.size());
        ws.compareRuns({0, 1});
        QCOMPARE(ws.comparison()->table()->rowCount(), 2);
        QCOMPARE(ws.views()->currentIndex(), static_cast<int>(RunWorkspace::View::Compare));

        // Charts export as PNG and SVG.
        QVERIFY(ws.exportChart(dir_.path() + "/compare.png").has_value());
        QVERIFY(ws.exportChart(dir_.path() + "/compare.svg").has_value());
        QVERIFY(!QImage(dir_.path() + "/compare.png").isNull());
    }

    void comparisonRunsEveryVariant() {
        RunWorkspace ws;
        ws.setArray(source_, QStringLiteral("source.zarr"));
        cs::ui::RunRequest base;
        base.settings.sample_interval_ms = 20;
        auto variants =
            cs::ui::comparisonVariants(base,
                                       {cs::ui::CopyBackend::ZarrBloscZlib,
                                        cs::ui::CopyBackend::Hdf5Gzip, cs::ui::CopyBackend::Memory},
                                       {1}, {false, true});
        QCOMPARE(variants.size(), std::size_t{6});
        QSignalSpy done(&ws, &RunWorkspace::comparisonFinished);
        QVERIFY(ws.startComparison(variants));
        QVERIFY(done.wait(120000));
        QCOMPARE(ws.runCount(), std::size_t{6});
        for (std::size_t i = 0; i < ws.runCount(); ++i) {
            QCOMPARE(ws.runAt(i).run.status, cs::trace::RunStatus::Finished);
            QCOMPARE(ws.runAt(i).run.task_count(), std::size_t{16});
        }
        QVERIFY(ws.runAt(1).name.contains(QStringLiteral("lock on")));
        QVERIFY(ws.runAt(2).name.contains(QStringLiteral("HDF5 gzip")));
        QCOMPARE(ws.comparison()->table()->rowCount(), 6);
    }

    // A reduction grouped N chunks per task can be compared with one chunk per task: the dialog
    // offers both (not for a copy), the variants say which is which, and the runs differ in
    // their leaf tasks only.
    void comparisonOverChunksPerTask() {
        cs::ui::RunRequest base;
        base.operation = cs::ui::RunOperation::Reduce;
        base.reduceOp = "sum";
        base.axes = std::vector<std::int64_t>{1};  // 4 blocks of 4 chunks
        base.settings.sample_interval_ms = 20;
        base.settings.chunks_per_task = 2;
        {
            cs::ui::CompareDialog dialog(base);
            QCheckBox* one = nullptr;
            for (auto* c : dialog.findChildren<QCheckBox*>())
                if (c->text() == QStringLiteral("1 chunk per task")) one = c;
            QVERIFY(one && one->isVisibleTo(&dialog) && !one->isChecked());
            const std::size_t grouped = dialog.variants().size();
            for (const auto& v : dialog.variants())
                QCOMPARE(v.request.settings.chunks_per_task, 2u);
            one->setChecked(true);
            QCOMPARE(dialog.variants().size(), 2 * grouped);
            cs::ui::RunRequest copy = base;
            copy.operation = cs::ui::RunOperation::Copy;
            cs::ui::CompareDialog copyDialog(copy);
            for (auto* c : copyDialog.findChildren<QCheckBox*>())
                if (c->text() == QStringLiteral("1 chunk per task"))
                    QVERIFY(!c->isVisibleTo(&copyDialog));
        }
        const auto variants = cs::ui::comparisonVariants(base, {}, {1}, {false}, {1, 2});
        QCOMPARE(variants.size(), std::size_t{2});
        QVERIFY2(variants[0].name.endsWith(QStringLiteral("1 chunk/task")),
                 qPrintable(variants[0].name));
        QVERIFY2(variants[1].name.endsWith(QStringLiteral("2 chunks/task")),
                 qPrintable(variants[1].name));
        RunWorkspace ws;
        QVERIFY(runComparison(ws, variants));
        QCOMPARE(ws.runCount(), std::size_t{2});
        std::size_t leaves[2] = {0, 0};
        for (std::size_t i = 0; i < 2; ++i) {
            QCOMPARE(ws.runAt(i).run.status, cs::trace::RunStatus::Finished);
            QCOMPARE(ws.runAt(i).run.settings.chunks_per_task, i == 0 ? 1u : 2u);
            for (const auto& r : ws.runAt(i).run.all_records())
                leaves[i] += r.kind == cs::trace::TaskKind::Reduce;
        }
        QCOMPARE(leaves[0], std::size_t{16});
        QCOMPARE(leaves[1], std::size_t{8});
    }

    // A reduction compared over backends reads a conversion of the array to each backend: the
    // runs name their backend and the results are the same as on the selected array.
    void reductionComparisonOverBackends() {
        cs::ui::RunRequest base;
        base.operation = cs::ui::RunOperation::Reduce;
        base.reduceOp = "sum";
        base.axes = std::vector<std::int64_t>{1};
        base.settings.sample_interval_ms = 20;
        const auto variants = cs::ui::comparisonVariants(
            base, {cs::ui::CopyBackend::ZarrZstd, cs::ui::CopyBackend::Hdf5Gzip}, {1}, {false});
        QCOMPARE(variants.size(), std::size_t{2});
        QVERIFY(variants[0].name.contains(QStringLiteral("Zarr zstd")));
        QVERIFY(variants[1].name.contains(QStringLiteral("HDF5 gzip")));

        // The results: equal to each other and to the reduction of the selected array.
        QTemporaryDir scratch;
        auto direct = cs::ui::prepareRun(source_, base, scratch.path().toStdString(), "direct");
        QVERIFY2(direct.has_value(), direct ? "" : direct.error().message.c_str());
        QVERIFY(cs::engine::run_plan(direct->plan, direct->settings).status.has_value());
        for (std::size_t i = 0; i < variants.size(); ++i) {
            auto p = cs::ui::prepareRun(source_, variants[i].request, scratch.path().toStdString(),
                                        "v" + std::to_string(i));
            QVERIFY2(p.has_value(), p ? "" : p.error().message.c_str());
            QVERIFY(p->converted != nullptr);
            QVERIFY(p->converted.get() != source_.get());
            QVERIFY(cs::engine::run_plan(p->plan, p->settings).status.has_value());
            QCOMPARE(p->result->shape, direct->result->shape);
            QVERIFY(p->result->data == direct->result->data);
        }

        // Through the workspace: two finished runs whose settings name the backends.
        RunWorkspace ws;
        QVERIFY(runComparison(ws, variants));
        QCOMPARE(ws.runCount(), std::size_t{2});
        const char* backends[] = {"Zarr zstd", "HDF5 gzip"};
        for (std::size_t i = 0; i < 2; ++i) {
            const auto& run = ws.runAt(i).run;
            QCOMPARE(run.status, cs::trace::RunStatus::Finished);
            QVERIFY2(run.settings.operation.find(backends[i]) != std::string::npos,
                     run.settings.operation.c_str());
            QVERIFY(run.task_count() > 16);
        }
        QVERIFY(ws.runAt(1).run.settings.inputs.front().find(".h5") != std::string::npos);
        QCOMPARE(ws.comparison()->table()->rowCount(), 2);
    }

    // Regression: a comparison started from a runFinished slot (as the screenshot mode does)
    // used to be finished at once by the run that had just ended.
    void comparisonStartedWhenARunEnds() {
        RunWorkspace ws;
        ws.setArray(source_, QStringLiteral("source.zarr"));
        cs::ui::RunRequest base;
        base.backend = cs::ui::CopyBackend::Memory;
        const auto variants = cs::ui::comparisonVariants(
            base, {cs::ui::CopyBackend::Memory, cs::ui::CopyBackend::ZarrZlib}, {1}, {false});
        bool started = false;
        connect(&ws, &RunWorkspace::runFinished, &ws, [&] {
            if (!started) started = ws.startComparison(variants);
        });
        QSignalSpy done(&ws, &RunWorkspace::comparisonFinished);
        QVERIFY(ws.startRun(base, QStringLiteral("first")));
        QVERIFY(done.wait(60000));
        QVERIFY(started);
        QCOMPARE(ws.runCount(), std::size_t{3});
        QCOMPARE(ws.comparison()->table()->rowCount(), 2);
        for (std::size_t i = 0; i < 3; ++i)
            QCOMPARE(ws.runAt(i).run.status, cs::trace::RunStatus::Finished);
    }

    // The conversion before a compared reduction runs off the GUI thread: startRun returns at
    // once, the status line says what is being converted, a timer keeps ticking while the
    // conversion is held at the gate, and the run follows when it is let through. No timing
    // assumption: the conversion cannot finish before the test opens the gate.
    void conversionKeepsTheEventLoopTurning() {
        RunWorkspace ws;
        auto gated = std::make_shared<GatedArray>(source_);
        ws.setArray(gated, QStringLiteral("source.zarr"));
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
        ticker.start(5);
        QSignalSpy started(&ws, &RunWorkspace::runStarted);
        QSignalSpy finished(&ws, &RunWorkspace::runFinished);
        QVERIFY(ws.startRun(convertedReduction(cs::ui::CopyBackend::Hdf5Gzip),
                            QStringLiteral("converted")));
        // Had startRun converted on this thread, it would have returned only after the gate's
        // 30 s deadline, with an error and nothing converting.
        QVERIFY(ws.isConverting());
        QVERIFY(ws.isRunning());
        QVERIFY2(ws.statusText().contains(QStringLiteral("Converting")) &&
                     ws.statusText().contains(QStringLiteral("HDF5 gzip")),
                 qPrintable(ws.statusText()));
        QVERIFY(ws.panel()->cancelButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(gated->waitingReads() > 0, 20000);  // the conversion is reading
        const int before = ticks;
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= before + 5, 20000);
        QVERIFY(ws.isConverting());
        QCOMPARE(started.count(), 0);
        QVERIFY(!ws.startRun(convertedReduction(cs::ui::CopyBackend::ZarrZstd), QString()));

        gated->open();
        QVERIFY(finished.wait(60000) || finished.count() == 1);
        QCOMPARE(started.count(), 1);
        QVERIFY(!ws.isConverting());
        QCOMPARE(ws.runCount(), std::size_t{1});
        const auto& run = ws.runAt(0).run;
        QCOMPARE(run.status, cs::trace::RunStatus::Finished);
        QVERIFY2(run.settings.operation.find("HDF5 gzip") != std::string::npos,
                 run.settings.operation.c_str());
        QVERIFY(run.task_count() > 16);
    }

    // Cancel while a comparison converts its first variant: the pending variants are dropped,
    // the comparison ends at once, and the conversion's late result is ignored.
    void cancelDuringConversion() {
        RunWorkspace ws;
        auto gated = std::make_shared<GatedArray>(source_);
        ws.setArray(gated, QStringLiteral("source.zarr"));
        cs::ui::RunRequest base = convertedReduction(cs::ui::CopyBackend::ZarrZstd);
        base.convertTo.reset();
        const auto variants = cs::ui::comparisonVariants(
            base, {cs::ui::CopyBackend::ZarrZstd, cs::ui::CopyBackend::Hdf5Gzip}, {1}, {false});
        QCOMPARE(variants.size(), std::size_t{2});
        QVERIFY(variants[0].request.convertTo.has_value());
        QSignalSpy compared(&ws, &RunWorkspace::comparisonFinished);
        QSignalSpy started(&ws, &RunWorkspace::runStarted);
        QVERIFY(ws.startComparison(variants));
        QVERIFY(ws.isConverting());
        QTRY_VERIFY_WITH_TIMEOUT(gated->waitingReads() > 0, 20000);

        ws.cancel();
        QVERIFY(!ws.isRunning());
        QVERIFY(!ws.isConverting());
        QCOMPARE(compared.count(), 1);
        QVERIFY(ws.statusText().contains(QStringLiteral("Cancelled")));
        QVERIFY(!ws.panel()->cancelButton()->isEnabled());

        // Let the abandoned conversion finish and deliver its result: it is dropped.
        gated->open();
        QVERIFY(ws.waitForConversions(60000));
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QCOMPARE(started.count(), 0);
        QCOMPARE(ws.runCount(), std::size_t{0});
        QVERIFY(!ws.isRunning());
        QCOMPARE(compared.count(), 1);

        // The workspace is usable again: a converted run goes through.
        QSignalSpy finished(&ws, &RunWorkspace::runFinished);
        QVERIFY(ws.startRun(convertedReduction(cs::ui::CopyBackend::Memory), QString()));
        QVERIFY(finished.wait(60000) || finished.count() == 1);
        QCOMPARE(ws.runCount(), std::size_t{1});
        QCOMPARE(ws.runAt(0).run.status, cs::trace::RunStatus::Finished);
    }

    // Destroying the workspace while it converts neither hangs nor delivers into a dead object.
    void destroyedWhileConverting() {
        auto gated = std::make_shared<GatedArray>(source_);
        {
            RunWorkspace ws;
            ws.setArray(gated, QStringLiteral("source.zarr"));
            QVERIFY(ws.startRun(convertedReduction(cs::ui::CopyBackend::ZarrZstd), QString()));
            QTRY_VERIFY_WITH_TIMEOUT(gated->waitingReads() > 0, 20000);
            gated->open();  // the cancelled conversion stops after the task it is in
        }
        QCoreApplication::processEvents();
    }

    void expressionsThroughThePanel() {
        RunWorkspace ws;
        ws.setArray(source_, QStringLiteral("source.zarr"));
        ws.panel()->operationBox()->setCurrentIndex(3);
        ws.panel()->threadsSpin()->setValue(1);
        ws.panel()->expressionEdit()->setText(QStringLiteral("x * 2 + 1"));
        QVERIFY(runPanel(ws));
        auto run = ws.runAt(0).run;
        QCOMPARE(run.status, cs::trace::RunStatus::Finished);
        QCOMPARE(run.task_count(), std::size_t{16});  // one expression task per chunk
        ws.panel()->expressionEdit()->setText(QStringLiteral("mean(x**2, axis=0)"));
        ws.panel()->chunksPerTaskSpin()->setValue(1);  // a leaf per chunk and a combine tree
        QVERIFY(runPanel(ws));
        run = ws.runAt(1).run;
        QCOMPARE(run.status, cs::trace::RunStatus::Finished);
        QCOMPARE(run.task_count(), run.graph->size());
        QVERIFY(run.task_count() > 16);
    }

    // Chunks per task: a reduction's leaves each take that many chunks of one output block, and
    // the heatmap still covers every chunk (each gets its share of its task's time), also in a
    // saved and reopened profile. Copies run a task per chunk: the setting is off for them.
    void chunksPerTaskThroughThePanel() {
        RunWorkspace ws;
        ws.setArray(source_, QStringLiteral("source.zarr"));
        ws.panel()->operationBox()->setCurrentIndex(0);
        QVERIFY(!ws.panel()->chunksPerTaskSpin()->isEnabled());
        ws.panel()->operationBox()->setCurrentIndex(1);  // reduction
        QVERIFY(ws.panel()->chunksPerTaskSpin()->isEnabled());
        runGroupedSum(ws, 2, ws.panel()->threadsSpin()->maximum(), 2);
        if (QTest::currentTestFailed()) return;
        auto checkHeatmap = [&] {
            const auto& chunks = ws.statistics()->statistics().chunks;
            QCOMPARE(chunks.size(), std::size_t{16});
            for (const auto& c : chunks) {
                QCOMPARE(c.tasks, 1u);
                QVERIFY(c.ns > 0);
            }
        };
        ws.statistics()->refresh();
        checkHeatmap();
        const QString profile = dir_.path() + "/grouped.json";
        QVERIFY(ws.saveProfile(0, profile).has_value());
        QVERIFY(ws.openProfile(profile).has_value());
        QCOMPARE(ws.runAt(1).run.settings.chunks_per_task, 2u);
        ws.showRun(1);
        ws.statistics()->refresh();
        checkHeatmap();
    }

    // The panel starts at "auto" chunks per task (0); the run's settings, its name and a saved
    // profile then hold the number the engine chose: 16 chunks in 4 blocks give one thread its
    // 8 leaves with 2 chunks each.
    void autoChunksPerTaskShowsTheChoice() {
        RunWorkspace ws;
        ws.setArray(source_, QStringLiteral("source.zarr"));
        QCOMPARE(ws.panel()->chunksPerTaskSpin()->value(), 0);
        QCOMPARE(ws.panel()->chunksPerTaskSpin()->text(), QStringLiteral("auto"));
        runGroupedSum(ws, 0, 1, 2);
        if (QTest::currentTestFailed()) return;
        // The compare dialog offers auto against one chunk per task.
        cs::ui::CompareDialog dialog(ws.panel()->request().value());
        QStringList texts;
        for (auto* c : dialog.findChildren<QCheckBox*>())
            if (c->isVisibleTo(&dialog)) texts << c->text();
        QVERIFY2(texts.contains(QStringLiteral("1 chunk per task")), qPrintable(texts.join('|')));
        QVERIFY2(texts.contains(QStringLiteral("auto chunks per task (the panel's)")),
                 qPrintable(texts.join('|')));
    }

    void badRequestsGiveClearErrors() {
        RunWorkspace ws;
        QSignalSpy errors(&ws, &RunWorkspace::errorOccurred);
        QVERIFY(!ws.runFromPanel());  // no array yet
        QVERIFY(ws.statusText().contains(QStringLiteral("no array")));
        ws.setArray(source_, QStringLiteral("source.zarr"));
        ws.panel()->operationBox()->setCurrentIndex(1);
        ws.panel()->axesEdit()->setText(QStringLiteral("0, x"));
        QVERIFY(!ws.runFromPanel());
        QVERIFY(ws.statusText().contains(QStringLiteral("axes '0, x'")));
        ws.panel()->axesEdit()->setText(QStringLiteral("5"));
        QVERIFY(!ws.runFromPanel());  // axis out of range: the engine's error
        QVERIFY(!ws.statusText().isEmpty());
        ws.panel()->operationBox()->setCurrentIndex(3);
        ws.panel()->expressionEdit()->setText(QStringLiteral("x * (2"));  // unbalanced
        QVERIFY(!ws.runFromPanel());
        QVERIFY(ws.statusText().contains(QStringLiteral("x * (2")));
        QCOMPARE(errors.count(), 4);
        QCOMPARE(ws.runCount(), std::size_t{0});

        // Opening something that is not a profile names the file.
        const QString bad = dir_.path() + "/not_a_profile.json";
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"traceEvents\": 12");
        f.close();
        auto opened = ws.openProfile(bad);
        QVERIFY(!opened.has_value());
        QVERIFY(QString::fromStdString(opened.error().message)
                    .contains(QStringLiteral("not_a_profile.json")));
        auto missing = ws.openProfile(dir_.path() + "/missing.json");
        QVERIFY(!missing.has_value());
        QVERIFY(!ws.exportReport(dir_.path() + "/r.html").has_value());  // no runs
        ws.compareRuns({});
        QVERIFY(ws.statusText().contains(QStringLiteral("Compare")));
    }

    // While a run goes, only the visible tab's views follow the live snapshots; a tab brought
    // forward catches up at once, and the finished run reaches every view.
    void liveSnapshotsGoToTheVisibleTab() {
        RunWorkspace ws;
        auto gated = std::make_shared<GatedArray>(source_);
        ws.setArray(gated, QStringLiteral("gated source"));
        ws.showView(RunWorkspace::View::Graph);
        cs::ui::RunRequest r;
        r.operation = cs::ui::RunOperation::Reduce;
        r.reduceOp = "sum";
        r.settings.threads = 1;
        r.settings.sample_interval_ms = 20;
        QSignalSpy done(&ws, &RunWorkspace::runFinished);
        QVERIFY(ws.startRun(r, QStringLiteral("gated sum")));
        QTRY_VERIFY_WITH_TIMEOUT(gated->waitingReads() > 0, 30000);
        QTest::qWait(300);  // several live ticks with the Graph tab in front
        QVERIFY(ws.isRunning());
        QVERIFY(ws.gantt()->run().graph == nullptr);  // the hidden Gantt was left alone
        ws.showView(RunWorkspace::View::Timeline);
        QVERIFY(ws.gantt()->run().graph != nullptr);  // caught up with the latest snapshot
        QCOMPARE(ws.gantt()->run().status, cs::trace::RunStatus::Running);
        gated->open();
        QVERIFY(done.wait(60000) || done.count() == 1);
        QCOMPARE(ws.gantt()->run().status, cs::trace::RunStatus::Finished);
    }

    void cancelStopsARun() {
        RunWorkspace ws;
        ws.setArray(source_, QStringLiteral("source.zarr"));
        cs::ui::RunRequest r;
        r.settings.threads = 1;
        QSignalSpy done(&ws, &RunWorkspace::runFinished);
        QVERIFY(ws.startRun(r, QStringLiteral("to cancel")));
        ws.cancel();
        QVERIFY(done.wait(60000) || done.count() == 1);
        QVERIFY(!ws.isRunning());
        QCOMPARE(ws.runCount(), std::size_t{1});
        const auto status = ws.runAt(0).run.status;
        // Either it stopped early or it had already finished all 16 tasks.
        QVERIFY(status == cs::trace::RunStatus::Cancelled ||
                status == cs::trace::RunStatus::Finished);
    }
};

QTEST_MAIN(TstRunViews)
#include "tst_run_views.moc"
