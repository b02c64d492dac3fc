// Every menu and action of the window in one place: the menus are created here and other parts
// (the run views, later tools) add their actions to them.
#pragma once

#include <QObject>

class QAction;
class QMenu;
class QMenuBar;

namespace cs::ui {

class WindowActions : public QObject {
    Q_OBJECT
public:
    explicit WindowActions(QMenuBar* bar, QObject* parent);

    QMenu* fileMenu;
    QMenu* recentMenu;
    QMenu* viewMenu;
    QMenu* toolsMenu;
    QMenu* helpMenu;

    QAction* openStore;
    QAction* openFile;
    QAction* openDemo;
    QAction* closeLocation;
    QAction* reload;
    QAction* quit;
    QAction* focusFilter;
    QAction* about;
};

}  // namespace cs::ui
