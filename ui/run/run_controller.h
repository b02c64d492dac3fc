// Drives one engine run for the window: starts it on the engine's own threads, pulls a snapshot
// with a QTimer at 12.5 Hz (the engine never waits for the UI, the UI never blocks on the engine),
// and reports progress and the end. Each run gets a generation id; a cancelled or replaced run's
// late results are dropped.
#pragma once

#include <QObject>
#include <QString>

#include <memory>

#include "core/engine/executor.h"
#include "core/trace/snapshot.h"
#include "ui/run/run_request.h"

class QTimer;

namespace cs::ui {

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;

    // Starts `prepared` (cancelling a run still going). Returns the run's generation id.
    quint64 start(PreparedRun prepared, const QString& name);
    void cancel();
    bool isRunning() const { return run_ != nullptr; }
    quint64 generation() const { return generation_; }
    void setRefreshIntervalMs(int ms);

signals:
    // Live: at every timer tick while the run goes on.
    void snapshotReady(quint64 generation, const cs::trace::Snapshot& snapshot);
    // Once, with the final trace; `error` empty when the run succeeded.
    void runFinished(quint64 generation, const QString& name, const cs::trace::Snapshot& snapshot,
                     const QString& error);

private:
    void poll();

    std::unique_ptr<engine::Run> run_;
    PreparedRun prepared_;
    QString name_;
    quint64 generation_ = 0;
    QTimer* timer_;
};

}  // namespace cs::ui
