// chunkscope: the window. `chunkscope [LOCATION...]` opens stores and files;
// `chunkscope --demo` opens the demo data; `chunkscope --screenshot DIR [LOCATION...]` renders
// every view to DIR/*.png and exits (README pictures, tests).
#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

#include "core/util/large_buffer.h"
#include "ui/run/run_integration.h"
#include "ui/run/run_workspace.h"
#include "ui/window/main_window.h"
#include "ui/window/screenshot_runner.h"

int main(int argc, char** argv) {
    cs::keep_chunk_sized_blocks_in_heap();  // runs decode a chunk per task: see large_buffer.h
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("chunkscope"));
    QApplication::setOrganizationName(QStringLiteral("chunkscope"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));
    QApplication::setDesktopFileName(QStringLiteral("org.chunkscope.Chunkscope"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Explore and profile chunked, compressed arrays (Zarr, HDF5, NetCDF-4)."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the demo data."));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral(
            "Render every view of the locations (or the demo) to PNGs in DIR, then exit."),
        QStringLiteral("DIR"));
    parser.addOption(demo);
    parser.addOption(screenshot);
    QCommandLineOption profile(QStringLiteral("profile"),
                               QStringLiteral("Open a saved profile (Chrome trace JSON)."),
                               QStringLiteral("FILE"));
    parser.addOption(profile);
    parser.addPositionalArgument(
        QStringLiteral("locations"),
        QStringLiteral("Zarr stores, HDF5 / NetCDF-4 files, or paths inside them."),
        QStringLiteral("[LOCATION...]"));
    parser.process(app);

    cs::ui::MainWindow window;
    cs::ui::RunWorkspace* runViews = cs::ui::installRunViews(&window);
    const QStringList locations = parser.positionalArguments();
    if (parser.isSet(screenshot)) {
        auto* runner = new cs::ui::ScreenshotRunner(&window, parser.value(screenshot), &app);
        QObject::connect(
            runner, &cs::ui::ScreenshotRunner::finished, &app,
            [&](int status, const QString& report) {
                std::fprintf(status == 0 ? stdout : stderr, "%s\n", qPrintable(report));
                if (status != 0) return QApplication::exit(status);
                // Then the run views, after a demo run and a comparison.
                cs::ui::captureRunViews(&window, runViews, parser.value(screenshot),
                                        [](int runStatus, const QString& runReport) {
                                            std::fprintf(runStatus == 0 ? stdout : stderr, "%s\n",
                                                         qPrintable(runReport));
                                            QApplication::exit(runStatus);
                                        });
            });
        runner->start(locations);
        return QApplication::exec();
    }
    window.show();
    if (parser.isSet(demo)) window.openDemo();
    window.openLocations(locations);
    for (const QString& path : parser.values(profile)) {
        if (auto opened = runViews->openProfile(path); !opened)
            std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    }
    return QApplication::exec();
}
