#include "ui/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "ui/models/container_tree_model.h"
#include "ui/panels/compression_panel.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/info_panel.h"
#include "ui/widgets/message_bar.h"
#include "ui/window/demo_location.h"
#include "ui/window/icons.h"
#include "ui/window/window_actions.h"

namespace cs::ui {

namespace {
constexpr int kMaxRecent = 10;
const char* const kRecentKey = "recentLocations";
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      jobs_(new BackgroundJobs(this)),
      model_(new ContainerTreeModel(jobs_, this)),
      proxy_(new QSortFilterProxyModel(this)),
      tree_(new QTreeView),
      filter_(new QLineEdit),
      views_(new QTabWidget),
      splitter_(new QSplitter(Qt::Horizontal)),
      info_(new InfoPanel),
      compression_(new CompressionPanel(jobs_)),
      data_(new DataPanel(jobs_)),
      message_(new MessageBar),
      busy_(new QProgressBar),
      actions_(new WindowActions(menuBar(), this)) {
    qRegisterMetaType<NodeDetailsPtr>();
    setWindowTitle(QStringLiteral("chunkscope"));
    setWindowIcon(appIcon("chunkscope"));
    setAcceptDrops(true);
    buildLayout();
    buildMenus();
    restoreSettings();
}

MainWindow::~MainWindow() {
    // Background jobs deliver to the widgets below: let them finish before anything is destroyed.
    selectionSlot_.cancel();
    jobs_->shutdown();
}

void MainWindow::buildLayout() {
    proxy_->setSourceModel(model_);
    proxy_->setRecursiveFilteringEnabled(true);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterKeyColumn(ContainerTreeModel::NameColumn);
    proxy_->setSortRole(ContainerTreeModel::SortRole);

    tree_->setObjectName(QStringLiteral("tree"));
    tree_->setModel(proxy_);
    tree_->setSortingEnabled(true);
    tree_->sortByColumn(-1, Qt::AscendingOrder);  // container order until the user sorts
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(ContainerTreeModel::NameColumn, QHeaderView::Interactive);
    tree_->setColumnWidth(ContainerTreeModel::NameColumn, 190);
    tree_->setColumnWidth(ContainerTreeModel::ShapeColumn, 110);
    tree_->setColumnWidth(ContainerTreeModel::DTypeColumn, 70);
    tree_->setColumnWidth(ContainerTreeModel::ChunksColumn, 100);
    tree_->setColumnWidth(ContainerTreeModel::StoredColumn, 80);
    tree_->setColumnWidth(ContainerTreeModel::RatioColumn, 50);
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(model_, &ContainerTreeModel::childrenLoaded, this,
            [this] { continuePendingSelection(); });

    filter_->setObjectName(QStringLiteral("treeFilter"));
    filter_->setPlaceholderText(tr("Filter by name…"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
        proxy_->setFilterFixedString(text);
        if (!text.isEmpty()) tree_->expandAll();
    });

    auto* treePane = new QWidget;
    treePane->setMinimumWidth(360);  // name, shape and dtype stay readable
    auto* treeLayout = new QVBoxLayout(treePane);
    treeLayout->setContentsMargins(4, 4, 0, 4);
    treeLayout->addWidget(filter_);
    treeLayout->addWidget(tree_, 1);

    views_->setObjectName(QStringLiteral("views"));
    views_->setDocumentMode(true);
    addView(info_, tr("Info"));
    addView(compression_, tr("Compression"));
    addView(data_, tr("Data"));
    connect(this, &MainWindow::nodeSelected, compression_, &CompressionPanel::showNode);
    connect(this, &MainWindow::nodeSelected, data_, &DataPanel::showNode);

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 4, 4, 4);
    rightLayout->addWidget(message_);
    rightLayout->addWidget(views_, 1);

    splitter_->setObjectName(QStringLiteral("mainSplitter"));
    splitter_->addWidget(treePane);
    splitter_->addWidget(right);
    splitter_->setStretchFactor(0, 0);
    splitter_->setStretchFactor(1, 1);
    splitter_->setSizes({620, 760});
    setCentralWidget(splitter_);

    busy_->setRange(0, 0);  // an indeterminate "working" bar
    busy_->setMaximumWidth(120);
    busy_->setMaximumHeight(14);
    busy_->setTextVisible(false);
    busy_->hide();
    statusBar()->addPermanentWidget(busy_);
    connect(jobs_, &BackgroundJobs::busyChanged, busy_, &QWidget::setVisible);

    setTabOrder(filter_, tree_);
    setTabOrder(tree_, views_);
    resize(1380, 820);
}

void MainWindow::buildMenus() {
    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setMovable(false);
    toolbar->addAction(actions_->openStore);
    toolbar->addAction(actions_->openFile);
    toolbar->addAction(actions_->openDemo);
    toolbar->addAction(actions_->reload);

    connect(actions_->openStore, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Zarr Store"));
        if (!dir.isEmpty()) openLocation(dir);
    });
    connect(actions_->openFile, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Open HDF5 / NetCDF-4 File"), {},
            tr("HDF5 and NetCDF-4 (*.h5 *.hdf5 *.he5 *.nc *.nc4 *.hdf);;All files (*)"));
        if (!file.isEmpty()) openLocation(file);
    });
    connect(actions_->openDemo, &QAction::triggered, this, [this] { openDemo(); });
    connect(actions_->reload, &QAction::triggered, this, [this] { reloadAll(); });
    connect(actions_->closeLocation, &QAction::triggered, this,
            [this] { closeCurrentContainer(); });
    connect(actions_->quit, &QAction::triggered, this, &QWidget::close);
    connect(actions_->focusFilter, &QAction::triggered, this, [this] {
        filter_->setFocus();
        filter_->selectAll();
    });
    connect(actions_->about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About chunkscope"),
                           tr("<b>chunkscope 0.1.0</b><br>An explorer and profiler for chunked, "
                              "compressed arrays: Zarr, HDF5 and NetCDF-4."));
    });
    rebuildRecentMenu();
}

void MainWindow::addView(QWidget* view, const QString& title) {
    views_->addTab(view, title);
    const int n = views_->count();
    if (n <= 9) {
        auto* show = new QAction(title, this);
        show->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_0 + n)));
        connect(show, &QAction::triggered, this, [this, view] { views_->setCurrentWidget(view); });
        actions_->viewMenu->addAction(show);
    }
}

QMenu* MainWindow::menu(Menu which) const {
    switch (which) {
        case Menu::File:
            return actions_->fileMenu;
        case Menu::View:
            return actions_->viewMenu;
        case Menu::Tools:
            return actions_->toolsMenu;
        case Menu::Help:
            return actions_->helpMenu;
    }
    return nullptr;
}

void MainWindow::openLocations(const QStringList& locations) {
    for (const auto& l : locations) openLocation(l);
}

void MainWindow::openLocation(const QString& location) {
    const QString shown = QDir::cleanPath(location);
    statusBar()->showMessage(tr("Opening %1…").arg(shown));
    auto opener = opener_;
    const std::string path = QFileInfo(shown).absoluteFilePath().toStdString();
    jobs_->run(
        this, [opener, path] { return opener(path); },
        [this, shown](Result<OpenedContainer> opened) {
            if (!opened) {
                const QString text = QString::fromStdString(opened.error().describe());
                message_->showMessage(tr("Could not open %1: %2").arg(shown, text));
                statusBar()->showMessage(tr("Could not open %1").arg(shown), 5000);
                emit locationFailed(shown, text);
                return;
            }
            message_->clearMessage();
            const QModelIndex root = model_->addContainer(opened->container);
            addRecent(shown);
            statusBar()->showMessage(tr("Opened %1").arg(shown), 3000);
            selectPath(root.row(), QString::fromStdString(opened->innerPath));
            emit locationOpened(shown);
        });
}

void MainWindow::openDemo() {
    statusBar()->showMessage(tr("Writing the demo data to the cache folder…"));
    const std::string cacheDir = demoDirectory_.toStdString();
    jobs_->run(
        this, [cacheDir] { return prepareDemoLocations(cacheDir); },
        [this](Result<std::vector<std::string>> locations) {
            if (!locations) {
                message_->showMessage(
                    tr("Could not write the demo data: %1")
                        .arg(QString::fromStdString(locations.error().describe())));
                statusBar()->clearMessage();
                return;
            }
            for (const auto& l : *locations) openLocation(QString::fromStdString(l));
        });
}

void MainWindow::selectPath(int containerRow, const QString& path) {
    pending_ = {containerRow, path};
    continuePendingSelection();
}

void MainWindow::continuePendingSelection() {
    if (pending_.row < 0) return;
    const QModelIndex found = model_->findLoaded(pending_.row, pending_.path);
    if (found.isValid() &&
        model_->data(found, ContainerTreeModel::PathRole).toString() == pending_.path) {
        const QModelIndex viewIndex = proxy_->mapFromSource(found);
        tree_->expand(viewIndex.parent());
        tree_->setCurrentIndex(viewIndex);
        tree_->scrollTo(viewIndex);
        if (pending_.path.isEmpty()) tree_->expand(viewIndex);
        pending_ = {};
        return;
    }
    // The deepest loaded ancestor: load its children, then come back here (childrenLoaded).
    QString prefix = pending_.path;
    while (true) {
        const QModelIndex ancestor = model_->findLoaded(pending_.row, prefix);
        if (ancestor.isValid()) {
            if (model_->canFetchMore(ancestor)) model_->fetchMore(ancestor);
            tree_->expand(proxy_->mapFromSource(ancestor));
            if (!model_->isLoading()) {
                message_->showMessage(tr("%1: not found in the tree").arg(pending_.path));
                pending_ = {};
            }
            return;
        }
        if (prefix.isEmpty()) break;
        const int slash = prefix.lastIndexOf(QLatin1Char('/'));
        prefix = slash < 0 ? QString() : prefix.left(slash);
    }
    pending_ = {};
}

void MainWindow::onCurrentChanged(const QModelIndex& proxyIndex) {
    const QModelIndex index = proxy_->mapToSource(proxyIndex.siblingAtColumn(0));
    auto container = model_->containerOf(index);
    if (!container) {
        current_.reset();
        info_->showNode(nullptr);
        emit nodeSelected(nullptr);
        return;
    }
    const NodeSummary summary = model_->summary(index);
    info_->showLoading(QStringLiteral("/") + QString::fromStdString(summary.path));
    const JobTicket ticket = selectionSlot_.next();
    jobs_->run(
        this, [container, summary] { return loadNodeDetails(container, summary); },
        [this, ticket](NodeDetailsPtr details) {
            if (!selectionSlot_.isCurrent(ticket)) return;  // the user moved on
            current_ = details;
            info_->showNode(details);
            setWindowTitle(QStringLiteral("/%1 — chunkscope")
                               .arg(QString::fromStdString(details->summary.path)));
            emit nodeSelected(details);
        });
}

void MainWindow::closeCurrentContainer() {
    const QModelIndex index = proxy_->mapToSource(tree_->currentIndex());
    if (!index.isValid()) return;
    const int row = model_->data(index, ContainerTreeModel::ContainerIndexRole).toInt();
    selectionSlot_.cancel();
    model_->removeContainer(row);
}

void MainWindow::reloadAll() {
    QStringList locations;
    for (int i = 0; i < model_->containerCount(); ++i)
        locations << QString::fromStdString(model_->container(i)->location());
    selectionSlot_.cancel();
    model_->clear();
    current_.reset();
    info_->showNode(nullptr);
    emit nodeSelected(nullptr);
    openLocations(locations);
}

void MainWindow::addRecent(const QString& location) {
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString absolute = QFileInfo(location).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue(kRecentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    actions_->recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& location : recent) {
        auto* action = actions_->recentMenu->addAction(location);
        connect(action, &QAction::triggered, this, [this, location] { openLocation(location); });
    }
    actions_->recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (settings.contains("window/geometry"))
        restoreGeometry(settings.value("window/geometry").toByteArray());
    if (settings.contains("window/state"))
        restoreState(settings.value("window/state").toByteArray());
    if (settings.contains("window/splitter"))
        splitter_->restoreState(settings.value("window/splitter").toByteArray());
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/splitter", splitter_->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList locations;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) locations << url.toLocalFile();
    openLocations(locations);
    event->acceptProposedAction();
}

}  // namespace cs::ui
