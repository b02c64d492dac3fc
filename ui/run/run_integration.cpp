#include "ui/run/run_integration.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QMenu>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <memory>

#include "ui/run/run_panel.h"
#include "ui/run/run_workspace.h"
#include "ui/window/main_window.h"

namespace cs::ui {

RunWorkspace* installRunViews(MainWindow* window) {
    auto* runs = new RunWorkspace;
    window->addView(runs, QObject::tr("Run"));
    QMenu* file = window->menu(MainWindow::Menu::File);
    QAction* before = file->actions().isEmpty() ? nullptr : file->actions().last();
    file->insertSeparator(before);
    file->insertAction(before, runs->openProfileAction());
    file->insertAction(before, runs->saveProfileAction());
    file->insertAction(before, runs->exportReportAction());
    window->menu(MainWindow::Menu::View)->addAction(runs->exportChartAction());
    QMenu* tools = window->menu(MainWindow::Menu::Tools);
    tools->addAction(runs->runAction());
    tools->addAction(runs->cancelAction());
    tools->addAction(runs->compareAction());
    window->statusBar()->addPermanentWidget(runs->statusWidget());
    QObject::connect(window, &MainWindow::nodeSelected, runs, [runs](NodeDetailsPtr details) {
        if (!details || !details->isArray()) return;
        runs->setArray(details->array, QString::fromStdString(details->array->describe()));
    });
    return runs;
}

namespace {

// One step after another, each when the previous one's signal arrived.
struct ScreenshotJob : std::enable_shared_from_this<ScreenshotJob> {
    MainWindow* window = nullptr;
    RunWorkspace* runs = nullptr;
    QString directory;
    std::function<void(int, const QString&)> done;
    QStringList written;
    QStringList failures;

    void capture(RunWorkspace::View view, const QString& name) {
        window->views()->setCurrentWidget(runs);
        runs->showView(view);
        QCoreApplication::processEvents();
        const QString path = QDir(directory).filePath(name);
        if (window->grab().save(path))
            written << path;
        else
            failures << QObject::tr("could not write %1").arg(path);
    }

    // The copy `base` to Zarr blosc-lz4 and HDF5 gzip on every core, and HDF5 on one, side by
    // side; then the job is done.
    void compare(const RunRequest& base) {
        const std::uint32_t all =
            static_cast<std::uint32_t>(runs->panel()->threadsSpin()->maximum());
        auto variants = comparisonVariants(base, {CopyBackend::ZarrBloscLz4, CopyBackend::Hdf5Gzip},
                                           {all}, {false});
        auto one = comparisonVariants(base, {CopyBackend::Hdf5Gzip}, {1}, {false});
        variants.insert(variants.end(), one.begin(), one.end());
        auto self = shared_from_this();
        auto compared = std::make_shared<QMetaObject::Connection>();
        *compared =
            QObject::connect(runs, &RunWorkspace::comparisonFinished, runs, [self, compared] {
                QObject::disconnect(*compared);
                self->capture(RunWorkspace::View::Compare, QStringLiteral("run_compare.png"));
                self->finish();
            });
        if (!runs->startComparison(variants)) {
            QObject::disconnect(*compared);
            failures << QObject::tr("screenshot: the comparison did not start: %1")
                            .arg(runs->statusText());
            finish();
        }
    }

    void finish() {
        QString report =
            QObject::tr("wrote %1 run screenshots to %2").arg(written.size()).arg(directory);
        if (!failures.isEmpty()) report += QLatin1Char('\n') + failures.join(QLatin1Char('\n'));
        done(failures.isEmpty() ? 0 : 1, report);
    }
};

}  // namespace

void captureRunViews(MainWindow* window, RunWorkspace* runs, const QString& directory,
                     std::function<void(int, const QString&)> done) {
    if (!runs->array()) {
        done(1, QObject::tr("screenshot: no array is selected for the demo run"));
        return;
    }
    auto job = std::make_shared<ScreenshotJob>();
    job->window = window;
    job->runs = runs;
    job->directory = directory;
    job->done = std::move(done);
    window->views()->setCurrentWidget(runs);
    // A copy to Zarr blosc-zlib on every core: a few tenths of a second on the demo data, long
    // enough for curves of tens of samples and tasks wide enough to show their phases
    // (blosc-lz4 is done in a tenth of a second). Sampling stays at 20 ms: CPU time comes in
    // 10 ms ticks, so 10 ms samples read 0, 100 or 200 %.
    RunPanel* panel = runs->panel();
    panel->operationBox()->setCurrentIndex(0);
    const int zlib = panel->backendBox()->findData(static_cast<int>(CopyBackend::ZarrBloscZlib));
    if (zlib >= 0) panel->backendBox()->setCurrentIndex(zlib);
    panel->levelSpin()->setValue(5);
    panel->intervalSpin()->setValue(20);
    panel->threadsSpin()->setValue(panel->threadsSpin()->maximum());
    auto finishedRun = std::make_shared<QMetaObject::Connection>();
    *finishedRun = QObject::connect(
        runs, &RunWorkspace::runFinished, runs,
        [job, finishedRun](const QString&, const QString& error) {
            QObject::disconnect(*finishedRun);
            if (!error.isEmpty()) job->failures << error;
            job->capture(RunWorkspace::View::Timeline, QStringLiteral("run_timeline.png"));
            job->capture(RunWorkspace::View::Statistics, QStringLiteral("run_statistics.png"));
            const RunRequest copy = *job->runs->panel()->request();
            // A copy's graph is one group of independent tasks (one box, no edges): the task
            // graph picture shows a bincount of the same array instead, whose per-chunk tasks
            // feed a combine tree. The panel says so while it runs and is shown.
            RunPanel* panel = job->runs->panel();
            panel->operationBox()->setCurrentIndex(2);
            panel->binsSpin()->setValue(16);
            auto reduced = std::make_shared<QMetaObject::Connection>();
            *reduced = QObject::connect(
                job->runs, &RunWorkspace::runFinished, job->runs,
                [job, reduced, copy](const QString&, const QString& reduceError) {
                    QObject::disconnect(*reduced);
                    if (!reduceError.isEmpty()) job->failures << reduceError;
                    job->capture(RunWorkspace::View::Graph, QStringLiteral("run_graph.png"));
                    job->runs->panel()->operationBox()->setCurrentIndex(0);
                    job->compare(copy);
                });
            const auto request = panel->request();
            if (!request ||
                !job->runs->startRun(
                    *request,
                    QObject::tr("bincount, 16 bins, %1 thr").arg(request->settings.threads))) {
                QObject::disconnect(*reduced);
                job->failures << QObject::tr("screenshot: the bincount run did not start: %1")
                                     .arg(job->runs->statusText());
                panel->operationBox()->setCurrentIndex(0);
                job->compare(copy);
            }
        });
    if (!runs->runFromPanel()) {
        QObject::disconnect(*finishedRun);
        job->done(
            1, QObject::tr("screenshot: the demo run did not start: %1").arg(runs->statusText()));
    }
}

}  // namespace cs::ui
