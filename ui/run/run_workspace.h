// The "Run" view: the run panel and the session's Runs list on the left; on the right the live
// views of the shown run — Timeline (Qt Charts resources over the Gantt, one time axis), Task
// graph, Statistics — and Compare. Owns the RunController, the scratch directory copies go to, and
// the actions the window puts in its menus (Save/Open Profile, Export Report, Export Chart, Compare
// Backends). Errors appear in the status line, never as a blocking dialog. A run that first
// converts the array to another backend (a reduction in a comparison) converts on a thread of its
// own: the window keeps turning, the status line says "Converting to …", and Cancel drops the
// conversion (its late result is ignored) and the comparison's remaining variants.
#pragma once

#include <QPointer>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "core/array/chunked_array.h"
#include "core/util/result.h"
#include "ui/run/compare_dialog.h"
#include "ui/run/report_writer.h"

class QAction;
class QCheckBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QTabWidget;

namespace cs::ui {

class ComparisonView;
class GanttView;
class ResourceChartView;
class RunController;
class RunPanel;
class StatisticsView;
class TaskGraphView;

class RunWorkspace : public QWidget {
    Q_OBJECT
public:
    enum class View { Timeline, Graph, Statistics, Compare };

    explicit RunWorkspace(QWidget* parent = nullptr);
    ~RunWorkspace() override;

    void setArray(std::shared_ptr<const ChunkedArray> array, const QString& name);
    std::shared_ptr<const ChunkedArray> array() const { return array_; }

    // Starts what the panel describes; false (and the reason in the status line) on error.
    // With a conversion first, true means it started converting: a conversion error comes
    // later, through errorOccurred (a comparison then goes on with its next variant).
    bool runFromPanel();
    bool startRun(const RunRequest& request, const QString& name);
    // Runs the variants one after the other, then shows them in the Compare view.
    bool startComparison(std::vector<ComparisonVariant> variants);
    void cancel();
    bool isRunning() const;  // a run going, or its input being converted
    bool isConverting() const { return converting_; }
    // Waits up to `msecs` for conversion threads, including cancelled ones still finishing; true
    // when none is left. Their results arrive as queued events afterwards (and are dropped when
    // cancelled). For tests and shutdown.
    bool waitForConversions(int msecs);

    std::size_t runCount() const { return runs_.size(); }
    const ReportRun& runAt(std::size_t i) const { return runs_[i]; }
    void addRun(ReportRun run);  // e.g. an opened profile; shows it
    void showRun(std::size_t index);
    void compareRuns(const std::vector<std::size_t>& indices);
    void showView(View view);

    Result<void> saveProfile(std::size_t index, const QString& path) const;
    Result<void> openProfile(const QString& path);
    // indices empty: the runs selected in the list, or the shown run.
    Result<void> exportReport(const QString& path, std::vector<std::size_t> indices = {}) const;
    // The current view's picture as PNG or SVG (by suffix).
    Result<void> exportChart(const QString& path) const;
    std::vector<std::size_t> selectedRuns() const;

    QAction* saveProfileAction() const { return saveProfile_; }
    QAction* openProfileAction() const { return openProfile_; }
    QAction* exportReportAction() const { return exportReport_; }
    QAction* exportChartAction() const { return exportChart_; }
    QAction* compareAction() const { return compare_; }
    QAction* runAction() const { return runAct_; }
    QAction* cancelAction() const { return cancelAct_; }
    // Progress bar (tasks done/total) and throughput, for the window's status bar.
    QWidget* statusWidget() const { return status_; }
    QString statusText() const;

    RunPanel* panel() const { return panel_; }
    GanttView* gantt() const { return gantt_; }
    ResourceChartView* resources() const { return resources_; }
    TaskGraphView* graph() const { return graph_; }
    StatisticsView* statistics() const { return stats_; }
    ComparisonView* comparison() const { return comparison_; }
    QListWidget* runsList() const { return runsList_; }
    QTabWidget* views() const { return views_; }

signals:
    void runStarted(const QString& name);
    void runFinished(const QString& name, const QString& error);
    void comparisonFinished();
    void errorOccurred(const QString& message);

private:
    void buildActions();
    void showSnapshot(const trace::Snapshot& run);
    // During a run only the views on the visible tab follow the snapshots (hidden views would
    // still lay out and recompute); a tab brought forward catches up with the latest one.
    void showLiveOnVisibleTab(const trace::Snapshot& run);
    void onLive(quint64 generation, const trace::Snapshot& run);
    void onFinished(quint64 generation, const QString& name, const trace::Snapshot& run,
                    const QString& error);
    void launch(PreparedRun prepared, const QString& name);
    void onConverted(quint64 generation, const QString& name, Result<PreparedRun>& prepared);
    void startNextVariant();
    void reportError(const QString& message);
    void setStatus(const QString& text);

    std::shared_ptr<const ChunkedArray> array_;
    QString arrayName_;
    QTemporaryDir scratch_;
    // Conversions before a run, off the GUI thread. Each gets a generation and a cancel flag; a
    // result whose generation is not the current one is dropped.
    QThreadPool conversions_;
    quint64 conversionGeneration_ = 0;
    std::shared_ptr<std::atomic<bool>> conversionCancel_;
    bool converting_ = false;
    RunController* controller_;
    std::vector<ReportRun> runs_;
    std::deque<ComparisonVariant> pending_;
    std::vector<std::size_t> comparisonRuns_;
    bool comparing_ = false;
    int runCounter_ = 0;
    int shown_ = -1;

    RunPanel* panel_;
    QListWidget* runsList_;
    QTabWidget* views_;
    std::optional<trace::Snapshot> live_;  // the running run's latest snapshot
    GanttView* gantt_;
    ResourceChartView* resources_;
    QCheckBox* perCore_;
    TaskGraphView* graph_;
    QCheckBox* expand_;
    StatisticsView* stats_;
    ComparisonView* comparison_;
    // The status bar part: the window reparents it into its status bar; if it never did (tests,
    // reports), the workspace deletes it. QPointer: the status bar may go first.
    QPointer<QWidget> status_;
    QProgressBar* progress_;
    QLabel* statusLabel_;
    QAction* saveProfile_;
    QAction* openProfile_;
    QAction* exportReport_;
    QAction* exportChart_;
    QAction* compare_;
    QAction* runAct_;
    QAction* cancelAct_;
};

}  // namespace cs::ui
