// The chunkscope window: the tree of open stores on the left, views as tabs on the right.
//
// Extension points (for the run/profile views and anything later):
//  - addView(widget, title): a new tab next to Info / Compression / Data;
//  - menu(Menu::...): the one place menus live, to add actions to;
//  - nodeSelected(details): the item the user picked, already opened on the background pool;
//  - jobs(): the shared background pool (shut down before widgets are destroyed).
// The screenshot mode captures every tab, so new views appear in screenshots without changes.
#pragma once

#include <QMainWindow>
#include <QStringList>

#include "ui/jobs/background_jobs.h"
#include "ui/window/location_opener.h"
#include "ui/window/node_details.h"

class QLineEdit;
class QMenu;
class QProgressBar;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTreeView;

namespace cs::ui {

class CompressionPanel;
class ContainerTreeModel;
class DataPanel;
class InfoPanel;
class MessageBar;
class WindowActions;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Menu { File, View, Tools, Help };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Replaces core's open_location (tests open in-memory containers through this).
    void setLocationOpener(LocationOpener opener) { opener_ = std::move(opener); }

    // Opens each location on the background pool; each becomes a top-level tree item.
    void openLocations(const QStringList& locations);
    void openLocation(const QString& location);
    // Writes the demo data once (to the cache folder, or setDemoDirectory()) and opens it.
    void openDemo();
    void setDemoDirectory(const QString& dir) { demoDirectory_ = dir; }

    void addView(QWidget* view, const QString& title);
    QMenu* menu(Menu which) const;
    BackgroundJobs* jobs() const { return jobs_; }
    QTabWidget* views() const { return views_; }
    QTreeView* treeView() const { return tree_; }
    ContainerTreeModel* treeModel() const { return model_; }
    InfoPanel* infoPanel() const { return info_; }
    CompressionPanel* compressionPanel() const { return compression_; }
    DataPanel* dataPanel() const { return data_; }
    MessageBar* messageBar() const { return message_; }
    NodeDetailsPtr currentNode() const { return current_; }
    // True while anything loads in the background (files opening, chunks being read).
    bool isBusy() const { return jobs_->isBusy(); }
    // Selects `path` inside the container at tree row `containerRow`, loading groups on the way.
    void selectPath(int containerRow, const QString& path);

signals:
    void nodeSelected(cs::ui::NodeDetailsPtr details);
    void locationOpened(const QString& location);
    void locationFailed(const QString& location, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void buildLayout();
    void onCurrentChanged(const QModelIndex& proxyIndex);
    void continuePendingSelection();
    void closeCurrentContainer();
    void reloadAll();
    void addRecent(const QString& location);
    void rebuildRecentMenu();
    void restoreSettings();
    void saveSettings() const;

    BackgroundJobs* jobs_;
    LocationOpener opener_ = openWithCore;
    ContainerTreeModel* model_;
    QSortFilterProxyModel* proxy_;
    QTreeView* tree_;
    QLineEdit* filter_;
    QTabWidget* views_;
    QSplitter* splitter_;
    InfoPanel* info_;
    CompressionPanel* compression_;
    DataPanel* data_;
    MessageBar* message_;
    QProgressBar* busy_;
    WindowActions* actions_;
    JobSlot selectionSlot_;
    NodeDetailsPtr current_;
    QString demoDirectory_;
    struct PendingSelection {
        int row = -1;
        QString path;
    } pending_;
};

}  // namespace cs::ui
