#include "ui/window/window_actions.h"

#include <QAction>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>

#include "ui/window/icons.h"

namespace cs::ui {

WindowActions::WindowActions(QMenuBar* bar, QObject* parent) : QObject(parent) {
    fileMenu = bar->addMenu(tr("&File"));
    openStore = fileMenu->addAction(appIcon("open-store"), tr("Open &Store…"));
    openStore->setShortcut(QKeySequence::Open);
    openStore->setToolTip(tr("Open a Zarr store (a directory)"));
    openFile = fileMenu->addAction(appIcon("open-file"), tr("Open &File…"));
    openFile->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openFile->setToolTip(tr("Open an HDF5 or NetCDF-4 file"));
    openDemo = fileMenu->addAction(appIcon("demo"), tr("Open &Demo"));
    openDemo->setToolTip(tr("Write the demo data to the cache folder and open it"));
    recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    fileMenu->addSeparator();
    reload = fileMenu->addAction(appIcon("reload"), tr("&Reload"));
    reload->setShortcut(QKeySequence::Refresh);
    closeLocation = fileMenu->addAction(appIcon("close"), tr("&Close"));
    closeLocation->setShortcut(QKeySequence::Close);
    closeLocation->setToolTip(tr("Close the store or file of the selected item"));
    fileMenu->addSeparator();
    quit = fileMenu->addAction(appIcon("quit"), tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);

    viewMenu = bar->addMenu(tr("&View"));
    focusFilter = viewMenu->addAction(tr("&Filter Tree"));
    focusFilter->setShortcut(QKeySequence::Find);
    viewMenu->addSeparator();

    toolsMenu = bar->addMenu(tr("&Tools"));
    helpMenu = bar->addMenu(tr("&Help"));
    about = helpMenu->addAction(appIcon("chunkscope"), tr("&About chunkscope"));
}

}  // namespace cs::ui
