#include "ui/window/screenshot_runner.h"

#include <QDir>

#include <QPixmap>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>
#include <cmath>

#include "ui/models/container_tree_model.h"
#include "ui/window/main_window.h"

namespace cs::ui {

namespace {
constexpr int kTickMs = 50;
constexpr int kIdleTicksNeeded = 4;
constexpr int kMaxWaitTicks = 120000 / kTickMs;  // two minutes for any one step

QString fileNameFor(int tab, const QString& title) {
    QString name = title.toLower();
    name.remove(QLatin1Char('&'));
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    return QStringLiteral("%1-%2.png").arg(tab + 1, 2, 10, QLatin1Char('0')).arg(name);
}
}  // namespace

ScreenshotRunner::ScreenshotRunner(MainWindow* window, QString directory, QObject* parent)
    : QObject(parent), window_(window), directory_(std::move(directory)), timer_(new QTimer(this)) {
    timer_->setInterval(kTickMs);
    connect(timer_, &QTimer::timeout, this, [this] {
        const bool busy = window_->isBusy() || window_->treeModel()->isLoading();
        idleTicks_ = busy ? 0 : idleTicks_ + 1;
        if (++waitedTicks_ > kMaxWaitTicks) {
            timer_->stop();
            fail(tr("timed out waiting for background work"));
            return;
        }
        if (idleTicks_ >= kIdleTicksNeeded) {
            timer_->stop();
            auto next = std::move(next_);
            next_ = nullptr;
            if (next) next();
        }
    });
    connect(window_, &MainWindow::locationFailed, this, [this](const QString& l, const QString& m) {
        failures_ << QStringLiteral("%1: %2").arg(l, m);
    });
}

void ScreenshotRunner::start(const QStringList& locations) {
    if (!QDir().mkpath(directory_)) {
        fail(tr("cannot create the folder %1").arg(directory_));
        return;
    }
    window_->resize(1380, 820);
    window_->show();
    // Pictures do not depend on the user's saved layout.
    if (auto* splitter = window_->findChild<QSplitter*>(QStringLiteral("mainSplitter")))
        splitter->setSizes({560, 820});
    if (locations.isEmpty()) {
        window_->openDemo();
    } else {
        window_->openLocations(locations);
    }
    whenIdle([this] { expandEverything(); });
}

void ScreenshotRunner::whenIdle(std::function<void()> next) {
    next_ = std::move(next);
    idleTicks_ = 0;
    waitedTicks_ = 0;
    timer_->start();
}

void ScreenshotRunner::expandEverything() {
    // Load groups level by level until the tree is complete (screenshot data is small).
    ContainerTreeModel* model = window_->treeModel();
    bool fetched = false;
    std::function<void(const QModelIndex&)> visit = [&](const QModelIndex& parent) {
        if (model->canFetchMore(parent)) {
            model->fetchMore(parent);
            fetched = true;
        }
        for (int r = 0; r < model->rowCount(parent); ++r) visit(model->index(r, 0, parent));
    };
    for (int r = 0; r < model->rowCount(); ++r) visit(model->index(r, 0));
    if (fetched) {
        whenIdle([this] { expandEverything(); });
        return;
    }
    window_->treeView()->expandAll();
    if (model->rowCount() == 0) {
        fail(failures_.isEmpty() ? tr("nothing could be opened")
                                 : failures_.join(QLatin1Char('\n')));
        return;
    }
    selectInterestingArray();
}

void ScreenshotRunner::selectInterestingArray() {
    ContainerTreeModel* model = window_->treeModel();
    QModelIndex best, firstArray;
    double bestChunks = 0;
    std::function<void(const QModelIndex&)> visit = [&](const QModelIndex& parent) {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex i = model->index(r, 0, parent);
            const NodeSummary s = model->summary(i);
            if (s.kind == NodeKind::Array) {
                if (!firstArray.isValid()) firstArray = i;
                double chunks = 1;
                for (std::size_t a = 0; a < s.shape.size() && a < s.chunk_shape.size(); ++a)
                    chunks *= std::ceil(double(s.shape[a]) /
                                        double(std::max<std::uint64_t>(1, s.chunk_shape[a])));
                if (s.shape.size() >= 2 && chunks > bestChunks) {
                    best = i;
                    bestChunks = chunks;
                }
            }
            visit(i);
        }
    };
    visit({});
    const QModelIndex pick = best.isValid() ? best : firstArray;
    if (pick.isValid()) {
        window_->selectPath(model->data(pick, ContainerTreeModel::ContainerIndexRole).toInt(),
                            model->data(pick, ContainerTreeModel::PathRole).toString());
    }
    whenIdle([this] { captureTab(0, 0); });
}

void ScreenshotRunner::captureTab(int tab, int inner) {
    QTabWidget* views = window_->views();
    if (tab >= views->count()) {
        QString report = tr("wrote %1 screenshots to %2").arg(written_.size()).arg(directory_);
        if (!failures_.isEmpty()) report += QLatin1Char('\n') + failures_.join(QLatin1Char('\n'));
        emit finished(failures_.isEmpty() ? 0 : 1, report);
        return;
    }
    // A view with tabs of its own (Data: table, heatmap, plot) gets one picture per enabled tab.
    QWidget* view = views->widget(tab);
    QTabWidget* subTabs = view->findChild<QTabWidget*>(QString(), Qt::FindDirectChildrenOnly);
    if (subTabs && inner >= subTabs->count()) {
        subTabs->setCurrentIndex(0);
        captureTab(tab + 1, 0);
        return;
    }
    if (subTabs && !subTabs->isTabEnabled(inner)) {
        captureTab(tab, inner + 1);
        return;
    }
    const bool onView = views->currentIndex() == tab && view->isVisible();
    const bool onInner = !subTabs || subTabs->currentIndex() == inner;
    if (!onView || !onInner) {
        views->setCurrentIndex(tab);
        if (subTabs) subTabs->setCurrentIndex(inner);
        emit aboutToCapture(view);
        // Let the view start whatever it loads when shown, then wait for it.
        whenIdle([this, tab, inner] { captureTab(tab, inner); });
        return;
    }
    QString title = views->tabText(tab);
    if (subTabs && inner > 0) title += QLatin1Char('-') + subTabs->tabText(inner);
    const QString path = QDir(directory_).filePath(fileNameFor(tab, title));
    if (window_->grab().save(path)) {
        written_ << path;
    } else {
        failures_ << tr("could not write %1").arg(path);
    }
    captureTab(subTabs ? tab : tab + 1, subTabs ? inner + 1 : 0);
}

void ScreenshotRunner::fail(const QString& why) {
    emit finished(1, tr("screenshot: %1").arg(why));
}

}  // namespace cs::ui
