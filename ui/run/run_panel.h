// The run panel: what to run over the selected array — a copy to a backend (codec, level,
// shuffle), a reduction over chosen axes, bincount, or an expression — with the thread count,
// the storage lock, the sampling interval and (for reductions) the chunks per task; Run and Cancel.
#pragma once

#include <QWidget>

#include "core/util/result.h"
#include "ui/run/run_request.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace cs::ui {

class RunPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunPanel(QWidget* parent = nullptr);

    // The request the controls describe; errors (bad axes text) name the field.
    Result<RunRequest> request() const;
    void setArrayName(const QString& name);
    void setRunning(bool running);

    // Controls, for tests and the comparison dialog's defaults.
    QComboBox* operationBox() const { return operation_; }
    QComboBox* backendBox() const { return backend_; }
    QComboBox* reduceBox() const { return reduceOp_; }
    QLineEdit* axesEdit() const { return axes_; }
    QSpinBox* binsSpin() const { return bins_; }
    QLineEdit* expressionEdit() const { return expression_; }
    QSpinBox* threadsSpin() const { return threads_; }
    QCheckBox* lockCheck() const { return lock_; }
    QSpinBox* intervalSpin() const { return interval_; }
    QSpinBox* chunksPerTaskSpin() const { return chunksPerTask_; }
    QSpinBox* levelSpin() const { return level_; }
    QCheckBox* shuffleCheck() const { return shuffle_; }
    QPushButton* runButton() const { return run_; }
    QPushButton* cancelButton() const { return cancel_; }

signals:
    void runRequested();
    void cancelRequested();

private:
    QLabel* array_;
    QComboBox* operation_;
    QStackedWidget* pages_;
    QComboBox* backend_;
    QSpinBox* level_;
    QCheckBox* shuffle_;
    QComboBox* reduceOp_;
    QLineEdit* axes_;
    QSpinBox* bins_;
    QLineEdit* expression_;
    QSpinBox* threads_;
    QCheckBox* lock_;
    QSpinBox* interval_;
    QSpinBox* chunksPerTask_;
    QPushButton* run_;
    QPushButton* cancel_;
};

}  // namespace cs::ui
