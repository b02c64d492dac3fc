// chunkscope-cli report PROFILE.json... -o report.html [--title TEXT]
// The window's File → Export Report without a window: one saved profile gives a run report,
// several give a comparison (summary table, CPU on one time axis, Gantts stacked) followed by
// each run. Pictures are SVG from the same painters as the screen, so Qt runs offscreen here.
#include <QFileInfo>
#include <QGuiApplication>

#include <cstdlib>
#include <iostream>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "core/trace/chrome_trace.h"
#include "ui/run/report_writer.h"

namespace cs::cli {

int run_report(const CommandArgs& args) {
    auto parsed = Args::parse(args, ArgSpec{{}, {"-o", "--title"}, {}});
    if (!parsed) return report_error(parsed.error());
    const auto out = parsed->value("-o");
    if (parsed->positional().empty() || !out) {
        return report_error(Error{ErrorCode::InvalidArgument,
                                  "report: usage: report PROFILE.json... -o report.html"});
    }
    std::vector<ui::ReportRun> runs;
    for (const auto& path : parsed->positional()) {
        auto run = trace::import_chrome_trace(path);
        if (!run) return report_error(run.error());
        runs.push_back({QFileInfo(QString::fromStdString(path)).fileName(), std::move(*run)});
    }
    // Fonts need a QGuiApplication; no display is needed or wanted.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "chunkscope-cli";
    char* argv[] = {name, nullptr};
    QGuiApplication app(argc, argv);
    const QString title = QString::fromStdString(parsed->value("--title").value_or(""));
    if (auto written = ui::writeReport(runs, *out, title); !written)
        return report_error(written.error());
    std::cout << "wrote " << *out << " (" << runs.size() << " run" << (runs.size() == 1 ? "" : "s")
              << ")\n";
    return 0;
}

}  // namespace cs::cli
