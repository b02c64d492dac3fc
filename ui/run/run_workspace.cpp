#include "ui/run/run_workspace.h"

#include <QAction>
#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/trace/chrome_trace.h"
#include "ui/painters/chunk_heatmap_painter.h"
#include "ui/painters/gantt_painter.h"
#include "ui/painters/resource_painter.h"
#include "ui/painters/task_graph_painter.h"
#include "ui/run/comparison_view.h"
#include "ui/run/gantt_view.h"
#include "ui/run/resource_chart_view.h"
#include "ui/run/run_controller.h"
#include "ui/run/run_panel.h"
#include "ui/run/statistics_view.h"
#include "ui/run/svg_render.h"
#include "ui/run/task_graph_view.h"

namespace cs::ui {

RunWorkspace::RunWorkspace(QWidget* parent)
    : QWidget(parent),
      controller_(new RunController(this)),
      panel_(new RunPanel),
      runsList_(new QListWidget),
      views_(new QTabWidget),
      gantt_(new GanttView),
      resources_(new ResourceChartView),
      perCore_(new QCheckBox(tr("per-core CPU"))),
      graph_(new TaskGraphView),
      expand_(new QCheckBox(tr("Expand groups"))),
      stats_(new StatisticsView),
      comparison_(new ComparisonView),
      status_(new QWidget),
      progress_(new QProgressBar),
      statusLabel_(new QLabel) {
    setObjectName(QStringLiteral("runWorkspace"));
    runsList_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto* compareSelected = new QPushButton(tr("Compare selected"));
    auto* left = new QWidget;
    auto* ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(panel_);
    ll->addWidget(new QLabel(tr("<b>Runs</b> (this session)")));
    ll->addWidget(runsList_, 1);
    ll->addWidget(compareSelected);

    // Timeline: the resources over the Gantt, sharing one time axis.
    auto* timeline = new QWidget;
    auto* tl = new QVBoxLayout(timeline);
    tl->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    auto* fit = new QPushButton(tr("Zoom to fit"));
    bar->addWidget(
        new QLabel(tr("Wheel: zoom · drag: pan · shift/right-drag: select a time range "
                      "(filters Statistics) · click: select a task")));
    bar->addStretch();
    bar->addWidget(perCore_);
    bar->addWidget(fit);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(resources_);
    split->addWidget(gantt_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    tl->addLayout(bar);
    tl->addWidget(split, 1);

    auto* graphPage = new QWidget;
    auto* gl = new QVBoxLayout(graphPage);
    gl->setContentsMargins(0, 0, 0, 0);
    gl->addWidget(expand_);
    gl->addWidget(graph_, 1);

    views_->addTab(timeline, tr("Timeline"));
    views_->addTab(graphPage, tr("Task graph"));
    views_->addTab(stats_, tr("Statistics"));
    views_->addTab(comparison_, tr("Compare"));
    connect(views_, &QTabWidget::currentChanged, this, [this] {
        if (live_ && controller_->isRunning()) showLiveOnVisibleTab(*live_);
    });

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(left);
    splitter->addWidget(views_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 900});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    auto* sl = new QHBoxLayout(status_);
    sl->setContentsMargins(0, 0, 0, 0);
    progress_->setMaximumWidth(200);
    // Until the first run there is no task count: not "0 / 100 tasks" (the bar's default range).
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setFormat(tr("no run yet"));
    sl->addWidget(statusLabel_);
    sl->addWidget(progress_);

    buildActions();
    connect(panel_, &RunPanel::runRequested, this, &RunWorkspace::runFromPanel);
    connect(panel_, &RunPanel::cancelRequested, this, &RunWorkspace::cancel);
    connect(controller_, &RunController::snapshotReady, this, &RunWorkspace::onLive);
    connect(controller_, &RunController::runFinished, this, &RunWorkspace::onFinished);
    connect(fit, &QPushButton::clicked, gantt_, &GanttView::zoomToFit);
    connect(perCore_, &QCheckBox::toggled, resources_, &ResourceChartView::setPerCore);
    connect(expand_, &QCheckBox::toggled, graph_, &TaskGraphView::setExpanded);
    connect(gantt_, &GanttView::visibleRangeChanged, resources_,
            &ResourceChartView::setVisibleRange);
    connect(gantt_, &GanttView::selectionChanged, stats_, &StatisticsView::setRange);
    connect(gantt_, &GanttView::taskClicked, graph_, &TaskGraphView::selectTask);
    connect(graph_, &TaskGraphView::taskClicked, this,
            [this](std::uint64_t id) { gantt_->highlightTask(id); });
    connect(runsList_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && !controller_->isRunning()) showRun(static_cast<std::size_t>(row));
    });
    connect(compareSelected, &QPushButton::clicked, this, [this] { compareRuns(selectedRuns()); });
}

RunWorkspace::~RunWorkspace() {
    // A conversion still going stops within one task's time; its result, posted to this object,
    // is discarded with it. Waiting here keeps the scratch directory until the thread is done.
    if (conversionCancel_) conversionCancel_->store(true);
    conversions_.waitForDone();
    if (status_ && !status_->parent()) delete status_.data();
}

bool RunWorkspace::waitForConversions(int msecs) {
    return conversions_.waitForDone(msecs);
}

void RunWorkspace::buildActions() {
    saveProfile_ = new QAction(tr("Save Profile…"), this);
    openProfile_ = new QAction(tr("Open Profile…"), this);
    exportReport_ = new QAction(tr("Export Report…"), this);
    exportChart_ = new QAction(tr("Export Chart as PNG/SVG…"), this);
    compare_ = new QAction(tr("Compare Backends…"), this);
    runAct_ = new QAction(tr("Run"), this);
    cancelAct_ = new QAction(tr("Cancel Run"), this);
    runAct_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(runAct_, &QAction::triggered, this, &RunWorkspace::runFromPanel);
    connect(cancelAct_, &QAction::triggered, this, &RunWorkspace::cancel);
    connect(saveProfile_, &QAction::triggered, this, [this] {
        if (shown_ < 0) return reportError(tr("Save Profile: no run to save yet"));
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save Profile"), QStringLiteral("profile.json"), tr("Chrome trace (*.json)"));
        if (path.isEmpty()) return;
        if (auto r = saveProfile(static_cast<std::size_t>(shown_), path); !r)
            reportError(QString::fromStdString(r.error().message));
        else
            setStatus(tr("Saved %1 (opens in Perfetto)").arg(path));
    });
    connect(openProfile_, &QAction::triggered, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Open Profile"), {},
                                                                tr("Chrome trace (*.json)"));
        for (const auto& p : paths)
            if (auto r = openProfile(p); !r) reportError(QString::fromStdString(r.error().message));
    });
    connect(exportReport_, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Report"), QStringLiteral("report.html"), tr("HTML (*.html)"));
        if (path.isEmpty()) return;
        if (auto r = exportReport(path); !r)
            reportError(QString::fromStdString(r.error().message));
        else
            setStatus(tr("Wrote %1").arg(path));
    });
    connect(exportChart_, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Chart"), QStringLiteral("chart.png"), tr("PNG (*.png);;SVG (*.svg)"));
        if (path.isEmpty()) return;
        if (auto r = exportChart(path); !r) reportError(QString::fromStdString(r.error().message));
    });
    connect(compare_, &QAction::triggered, this, [this] {
        auto request = panel_->request();
        if (!request) return reportError(QString::fromStdString(request.error().message));
        CompareDialog dialog(*request, this);
        if (dialog.exec() == QDialog::Accepted) startComparison(dialog.variants());
    });
}

void RunWorkspace::setArray(std::shared_ptr<const ChunkedArray> array, const QString& name) {
    array_ = std::move(array);
    arrayName_ = name;
    panel_->setArrayName(array_ ? name : QString());
}

void RunWorkspace::reportError(const QString& message) {
    statusLabel_->setStyleSheet(QStringLiteral("color: #c62828"));
    statusLabel_->setText(message);
    emit errorOccurred(message);
}

void RunWorkspace::setStatus(const QString& text) {
    statusLabel_->setStyleSheet(QString());
    statusLabel_->setText(text);
}

QString RunWorkspace::statusText() const {
    return statusLabel_->text();
}

bool RunWorkspace::isRunning() const {
    return converting_ || controller_->isRunning();
}

bool RunWorkspace::runFromPanel() {
    auto request = panel_->request();
    if (!request) {
        reportError(QString::fromStdString(request.error().message));
        return false;
    }
    return startRun(*request, QString());
}

bool RunWorkspace::startRun(const RunRequest& request, const QString& name) {
    if (isRunning()) {
        reportError(tr("A run is still going: cancel it first"));
        return false;
    }
    if (!scratch_.isValid()) {
        reportError(tr("Cannot create a scratch directory for run outputs"));
        return false;
    }
    if (!array_) {
        reportError(tr("run: no array is selected"));
        return false;
    }
    ++runCounter_;
    const std::string tag = "run" + std::to_string(runCounter_);
    if (!needsConversion(request)) {
        // Planning only (and creating a copy's empty target): quick, and its errors are the
        // caller's at once.
        auto prepared = prepareRun(array_, request, scratch_.path().toStdString(), tag);
        if (!prepared) {
            reportError(QString::fromStdString(prepared.error().message));
            return false;
        }
        launch(std::move(*prepared), name);
        return true;
    }
    // The conversion copies the whole array: on a thread of its own, never on this one.
    const quint64 generation = ++conversionGeneration_;
    conversionCancel_ = std::make_shared<std::atomic<bool>>(false);
    converting_ = true;
    panel_->setRunning(true);
    progress_->setRange(0, 0);  // busy: the conversion has no task count to show
    setStatus(tr("Converting %1 to %2… (not measured)")
                  .arg(arrayName_.isEmpty() ? tr("the array") : arrayName_,
                       copyBackendName(*request.convertTo)));
    auto work = [source = array_, request, scratch = scratch_.path().toStdString(), tag,
                 cancel = conversionCancel_] {
        return prepareRun(source, request, scratch, tag, cancel.get());
    };
    conversions_.start([this, work = std::move(work), generation, name]() mutable {
        auto result = std::make_shared<Result<PreparedRun>>(work());
        QMetaObject::invokeMethod(
            this, [this, result, generation, name] { onConverted(generation, name, *result); },
            Qt::QueuedConnection);
    });
    return true;
}

void RunWorkspace::onConverted(quint64 generation, const QString& name,
                               Result<PreparedRun>& prepared) {
    if (generation != conversionGeneration_ || !converting_) return;  // cancelled or replaced
    converting_ = false;
    conversionCancel_.reset();
    if (!prepared) {
        panel_->setRunning(false);
        progress_->setRange(0, 1);
        progress_->setValue(0);
        reportError(QString::fromStdString(prepared.error().message));
        if (comparing_) startNextVariant();
        return;
    }
    launch(std::move(*prepared), name);
}

void RunWorkspace::launch(PreparedRun prepared, const QString& name) {
    const QString runName =
        QStringLiteral("run %1: ").arg(runCounter_) +
        (name.isEmpty()
             ? QString::fromStdString(prepared.settings.operation) +
                   QStringLiteral(", %1 thr").arg(prepared.settings.threads) +
                   (prepared.settings.chunks_per_task > 1
                        ? QStringLiteral(", %1 chunks/task").arg(prepared.settings.chunks_per_task)
                        : QString())
             : name);
    panel_->setRunning(true);
    progress_->setFormat(QStringLiteral("%v / %m tasks"));
    progress_->setRange(0, static_cast<int>(prepared.plan->size()));
    progress_->setValue(0);
    setStatus(tr("Running %1…").arg(runName));
    gantt_->zoomToFit();
    gantt_->clearSelection();
    resources_->setLive(true);
    controller_->start(std::move(prepared), runName);
    emit runStarted(runName);
}

bool RunWorkspace::startComparison(std::vector<ComparisonVariant> variants) {
    if (variants.empty()) {
        reportError(tr("Compare: no variant chosen"));
        return false;
    }
    if (isRunning()) {
        reportError(tr("A run is still going: cancel it first"));
        return false;
    }
    pending_.assign(variants.begin(), variants.end());
    comparisonRuns_.clear();
    comparing_ = true;
    startNextVariant();
    return true;
}

void RunWorkspace::startNextVariant() {
    while (!pending_.empty()) {
        const ComparisonVariant v = pending_.front();
        pending_.pop_front();
        if (startRun(v.request, v.name)) return;
    }
    comparing_ = false;
    if (!comparisonRuns_.empty()) compareRuns(comparisonRuns_);
    emit comparisonFinished();
}

void RunWorkspace::cancel() {
    pending_.clear();
    if (converting_) {
        // Stop the conversion thread soon, forget it now: its late result is dropped.
        conversionCancel_->store(true);
        conversionCancel_.reset();
        ++conversionGeneration_;
        converting_ = false;
        panel_->setRunning(false);
        progress_->setRange(0, 1);
        progress_->setValue(0);
        setStatus(tr("Cancelled while converting the input"));
        if (comparing_) startNextVariant();  // nothing pending: ends the comparison
        return;
    }
    controller_->cancel();
}

void RunWorkspace::showSnapshot(const trace::Snapshot& run) {
    gantt_->setRun(run);
    resources_->setRun(run);
    graph_->setRun(run);
    stats_->setRun(run);
}

void RunWorkspace::showLiveOnVisibleTab(const trace::Snapshot& run) {
    switch (static_cast<View>(views_->currentIndex())) {
        case View::Timeline:
            gantt_->setRun(run);
            resources_->setRun(run);
            break;
        case View::Graph:
            graph_->setRun(run);
            break;
        case View::Statistics:
            stats_->setRun(run);
            break;
        case View::Compare:
            break;
    }
}

void RunWorkspace::onLive(quint64 generation, const trace::Snapshot& run) {
    if (generation != controller_->generation()) return;  // a replaced run's late snapshot
    live_ = run;
    showLiveOnVisibleTab(run);
    progress_->setRange(0, static_cast<int>(run.progress.tasks_total));
    progress_->setValue(static_cast<int>(run.progress.tasks_done));
    const double s = static_cast<double>(std::max<std::int64_t>(run.now_ns, 1)) / 1e9;
    setStatus(tr("%1 / %2 tasks · read %3 MB/s · write %4 MB/s")
                  .arg(run.progress.tasks_done)
                  .arg(run.progress.tasks_total)
                  .arg(static_cast<double>(run.progress.bytes_read) / 1e6 / s, 0, 'f', 1)
                  .arg(static_cast<double>(run.progress.bytes_written) / 1e6 / s, 0, 'f', 1));
}

void RunWorkspace::onFinished(quint64 generation, const QString& name, const trace::Snapshot& run,
                              const QString& error) {
    if (generation != controller_->generation()) return;
    live_.reset();
    resources_->setLive(false);
    panel_->setRunning(false);
    addRun({name, run});
    // Read before emitting: a slot may start the next run or a new comparison right away.
    const bool wasComparing = comparing_;
    if (wasComparing) comparisonRuns_.push_back(runs_.size() - 1);
    if (error.isEmpty())
        setStatus(tr("%1 finished in %2 s")
                      .arg(name)
                      .arg(static_cast<double>(run.now_ns) / 1e9, 0, 'f', 2));
    else
        reportError(tr("%1: %2").arg(name, error));
    emit runFinished(name, error);
    if (wasComparing && comparing_) startNextVariant();
}

void RunWorkspace::addRun(ReportRun run) {
    runs_.push_back(std::move(run));
    runsList_->addItem(runs_.back().name);
    showRun(runs_.size() - 1);
}

void RunWorkspace::showRun(std::size_t index) {
    if (index >= runs_.size()) return;
    shown_ = static_cast<int>(index);
    const QSignalBlocker block(runsList_);
    runsList_->setCurrentRow(static_cast<int>(index));
    showSnapshot(runs_[index].run);
    gantt_->zoomToFit();
    stats_->refresh();
}

void RunWorkspace::compareRuns(const std::vector<std::size_t>& indices) {
    std::vector<ReportRun> chosen;
    for (auto i : indices)
        if (i < runs_.size()) chosen.push_back(runs_[i]);
    if (chosen.empty()) return reportError(tr("Compare: select runs in the Runs list first"));
    comparison_->setRuns(std::move(chosen));
    showView(View::Compare);
}

void RunWorkspace::showView(View view) {
    views_->setCurrentIndex(static_cast<int>(view));
}

std::vector<std::size_t> RunWorkspace::selectedRuns() const {
    std::vector<std::size_t> out;
    for (int i = 0; i < runsList_->count(); ++i)
        if (runsList_->item(i)->isSelected()) out.push_back(static_cast<std::size_t>(i));
    return out;
}

Result<void> RunWorkspace::saveProfile(std::size_t index, const QString& path) const {
    if (index >= runs_.size()) return fail(ErrorCode::InvalidArgument, "save profile: no such run");
    return trace::write_chrome_trace(runs_[index].run, path.toStdString());
}

Result<void> RunWorkspace::openProfile(const QString& path) {
    CS_ASSIGN_OR_RETURN(auto run, trace::import_chrome_trace(path.toStdString()));
    addRun({QFileInfo(path).fileName(), std::move(run)});
    setStatus(tr("Opened %1").arg(path));
    return {};
}

Result<void> RunWorkspace::exportReport(const QString& path,
                                        std::vector<std::size_t> indices) const {
    if (indices.empty()) indices = selectedRuns();
    if (indices.empty() && shown_ >= 0) indices.push_back(static_cast<std::size_t>(shown_));
    std::vector<ReportRun> chosen;
    for (auto i : indices)
        if (i < runs_.size()) chosen.push_back(runs_[i]);
    return writeReport(chosen, path.toStdString());
}

Result<void> RunWorkspace::exportChart(const QString& path) const {
    const trace::Snapshot& run = gantt_->run();
    PaintFunction paint;
    QSize size(1200, 700);
    switch (static_cast<View>(views_->currentIndex())) {
        case View::Timeline: {
            const auto m = gantt_->mapping();
            const int ganttH = static_cast<int>(GanttGeometry::preferredHeight(run.lanes.size()));
            size = QSize(1200, 3 * 150 + ganttH);
            paint = [&run, m, ganttH](QPainter& p, const QRectF& a) {
                const ResourceChart charts[] = {ResourceChart::Cpu, ResourceChart::Memory,
                                                ResourceChart::Disk};
                for (int i = 0; i < 3; ++i)
                    ResourcePainter::paint(p, QRectF(a.left(), a.top() + 150 * i, a.width(), 150),
                                           run, m, charts[i]);
                GanttPainter::paint(p, QRectF(a.left(), a.top() + 450, a.width(), ganttH), run, m);
            };
            break;
        }
        case View::Graph: {
            const auto& layout = graph_->layout();
            size = TaskGraphPainter::pictureSize(layout, 1200);
            paint = [&layout, &run](QPainter& p, const QRectF& a) {
                TaskGraphPainter::paint(p, a, layout, run.node_states);
            };
            break;
        }
        case View::Statistics: {
            const auto chunks = stats_->statistics().chunks;
            size = QSize(600, 480);
            paint = [chunks](QPainter& p, const QRectF& a) {
                ChunkHeatmapPainter::paint(p, a, chunks);
            };
            break;
        }
        case View::Compare: {
            const auto& runs = comparison_->runs();
            size = QSize(1200, ComparisonCanvas::preferredHeight(runs));
            paint = [&runs](QPainter& p, const QRectF& a) {
                ComparisonCanvas::paintComparison(p, a, runs);
            };
            break;
        }
    }
    if (!exportPicture(path, size, paint))
        return fail(ErrorCode::Io, "export chart: cannot write " + path.toStdString());
    return {};
}

}  // namespace cs::ui
