// Puts the run and profile views into the explorer's MainWindow through its extension points:
// a "Run" tab (addView), File → Open/Save Profile and Export Report, View → Export Chart, Tools →
// Run / Cancel / Compare Backends (menu()), the run's progress in the status bar, and the
// selected array (nodeSelected) as what the run panel runs over.
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace cs::ui {

class MainWindow;
class RunWorkspace;

RunWorkspace* installRunViews(MainWindow* window);

// `chunkscope --screenshot DIR`: after the explorer's pictures, runs a demo copy of the selected
// array and a backend comparison, and writes DIR/run_timeline.png, run_graph.png,
// run_statistics.png and run_compare.png. `done(status, report)` is called once.
void captureRunViews(MainWindow* window, RunWorkspace* runs, const QString& directory,
                     std::function<void(int, const QString&)> done);

}  // namespace cs::ui
