// The self-contained HTML report of one run or a comparison of several: run settings, store
// statistics, summary tables, and SVG pictures of the resource timelines, the Gantt and the
// chunk-cost heatmap drawn by the same painters as the screen. Used by File -> Export Report and
// by `chunkscope-cli report`. Needs a QGuiApplication (fonts); no widgets.
#pragma once

#include <QString>

#include <string>
#include <vector>

#include "core/trace/snapshot.h"
#include "core/util/result.h"

namespace cs::ui {

struct ReportRun {
    QString name;  // "run 1", the profile's file name, or the comparison variant
    trace::Snapshot run;
};

QString reportHtml(const std::vector<ReportRun>& runs, const QString& title = {});
// Writes atomically; errors name the path.
Result<void> writeReport(const std::vector<ReportRun>& runs, const std::string& path,
                         const QString& title = {});

}  // namespace cs::ui
