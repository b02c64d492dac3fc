// `chunkscope --screenshot DIR [LOCATION...]`: opens the locations (or the demo), selects an
// array (the first one of rank >= 2), then renders every tab of the window to DIR/<tab>.png,
// waiting for background work to settle before each picture. Used for the README and tests.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

class QTimer;

namespace cs::ui {

class MainWindow;

class ScreenshotRunner : public QObject {
    Q_OBJECT
public:
    ScreenshotRunner(MainWindow* window, QString directory, QObject* parent = nullptr);

    void start(const QStringList& locations);
    QStringList writtenFiles() const { return written_; }

signals:
    // A view is about to be captured: the place to prepare it (e.g. pick a sub-view).
    void aboutToCapture(QWidget* view);
    // status 0: every picture written; report lists the files or says what failed.
    void finished(int status, const QString& report);

private:
    void whenIdle(std::function<void()> next);
    void expandEverything();
    void selectInterestingArray();
    void captureTab(int tab, int inner);
    void fail(const QString& why);

    MainWindow* window_;
    QString directory_;
    QStringList written_;
    QStringList failures_;
    QTimer* timer_;
    int idleTicks_ = 0;
    int waitedTicks_ = 0;
    std::function<void()> next_;
};

}  // namespace cs::ui
