// chunkscope: the window. `chunkscope [LOCATION...]` opens stores and files;
// `chunkscope --demo` opens the demo data; `chunkscope --screenshot DIR [LOCATION...]` renders
// every view to DIR/*.png and exits (README pictures, tests).
#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

#include "ui/window/main_window.h"
#include "ui/window/screenshot_runner.h"

int main(int argc, char** argv) {
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
    parser.addPositionalArgument(
        QStringLiteral("locations"),
        QStringLiteral("Zarr stores, HDF5 / NetCDF-4 files, or paths inside them."),
        QStringLiteral("[LOCATION...]"));
    parser.process(app);

    cs::ui::MainWindow window;
    const QStringList locations = parser.positionalArguments();
    if (parser.isSet(screenshot)) {
        auto* runner = new cs::ui::ScreenshotRunner(&window, parser.value(screenshot), &app);
        QObject::connect(runner, &cs::ui::ScreenshotRunner::finished, &app,
                         [](int status, const QString& report) {
                             std::fprintf(status == 0 ? stdout : stderr, "%s\n",
                                          qPrintable(report));
                             QApplication::exit(status);
                         });
        runner->start(locations);
        return QApplication::exec();
    }
    window.show();
    if (parser.isSet(demo)) window.openDemo();
    window.openLocations(locations);
    return QApplication::exec();
}
