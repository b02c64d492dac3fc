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
struct ScreenshotJob {
    MainWindow* window;
    RunWorkspace* runs;
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
};

}  // namespace

void captureRunViews(MainWindow* window, RunWorkspace* runs, const QString& directory,
                     std::function<void(int, const QString&)> done) {
    if (!runs->array()) {
        done(1, QObject::tr("screenshot: no array is selected for the demo run"));
        return;
    }
    auto job = std::make_shared<ScreenshotJob>(
        ScreenshotJob{window, runs, directory, std::move(done), {}, {}});
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
            job->capture(RunWorkspace::View::Graph, QStringLiteral("run_graph.png"));
            job->capture(RunWorkspace::View::Statistics, QStringLiteral("run_statistics.png"));
            RunRequest base = *job->runs->panel()->request();
            const std::uint32_t all =
                static_cast<std::uint32_t>(job->runs->panel()->threadsSpin()->maximum());
            auto variants = comparisonVariants(
                base, {CopyBackend::ZarrBloscLz4, CopyBackend::Hdf5Gzip}, {all}, {false});
            auto one = comparisonVariants(base, {CopyBackend::Hdf5Gzip}, {1}, {false});
            variants.insert(variants.end(), one.begin(), one.end());
            auto compared = std::make_shared<QMetaObject::Connection>();
            *compared = QObject::connect(
                job->runs, &RunWorkspace::comparisonFinished, job->runs, [job, compared] {
                    QObject::disconnect(*compared);
                    job->capture(RunWorkspace::View::Compare, QStringLiteral("run_compare.png"));
                    QString report = QObject::tr("wrote %1 run screenshots to %2")
                                         .arg(job->written.size())
                                         .arg(job->directory);
                    if (!job->failures.isEmpty())
                        report += QLatin1Char('\n') + job->failures.join(QLatin1Char('\n'));
                    job->done(job->failures.isEmpty() ? 0 : 1, report);
                });
            if (!job->runs->startComparison(variants)) {
                QObject::disconnect(*compared);
                job->done(1, QObject::tr("screenshot: the comparison did not start: %1")
                                 .arg(job->runs->statusText()));
            }
        });
    if (!runs->runFromPanel()) {
        QObject::disconnect(*finishedRun);
        job->done(
            1, QObject::tr("screenshot: the demo run did not start: %1").arg(runs->statusText()));
    }
}

}  // namespace cs::ui
