#include "ui/run/run_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "core/engine/executor.h"

namespace cs::ui {

namespace {

QWidget* page(QFormLayout*& form) {
    auto* w = new QWidget;
    form = new QFormLayout(w);
    form->setContentsMargins(0, 0, 0, 0);
    return w;
}

}  // namespace

RunPanel::RunPanel(QWidget* parent)
    : QWidget(parent),
      array_(new QLabel(tr("No array selected: pick one in the tree."))),
      operation_(new QComboBox),
      pages_(new QStackedWidget),
      backend_(new QComboBox),
      level_(new QSpinBox),
      shuffle_(new QCheckBox(tr("shuffle"))),
      reduceOp_(new QComboBox),
      axes_(new QLineEdit),
      bins_(new QSpinBox),
      expression_(new QLineEdit),
      threads_(new QSpinBox),
      lock_(new QCheckBox(tr("one storage lock around reads and writes"))),
      interval_(new QSpinBox),
      chunksPerTask_(new QSpinBox),
      run_(new QPushButton(tr("Run"))),
      cancel_(new QPushButton(tr("Cancel"))) {
    array_->setWordWrap(true);
    operation_->addItems(
        {tr("Copy to a backend"), tr("Reduction"), tr("bincount"), tr("Expression")});

    QFormLayout* f = nullptr;
    QWidget* copyPage = page(f);
    for (auto b :
         {CopyBackend::ZarrBloscLz4, CopyBackend::ZarrBloscZlib, CopyBackend::ZarrBloscZstd,
          CopyBackend::ZarrZstd, CopyBackend::ZarrZlib, CopyBackend::Hdf5Gzip, CopyBackend::Memory})
        backend_->addItem(copyBackendName(b), static_cast<int>(b));
    level_->setRange(0, 9);
    level_->setValue(5);
    shuffle_->setChecked(true);
    f->addRow(tr("Backend"), backend_);
    f->addRow(tr("Level"), level_);
    f->addRow(QString(), shuffle_);

    QWidget* reducePage = page(f);
    reduceOp_->addItems({"sum", "mean", "min", "max", "var", "std", "count"});
    axes_->setPlaceholderText(tr("all axes, or e.g. 0, 2"));
    f->addRow(tr("Reduction"), reduceOp_);
    f->addRow(tr("Axes"), axes_);

    QWidget* bincountPage = page(f);
    bins_->setRange(1, 1 << 20);
    bins_->setValue(16);
    auto* binAxes = new QLabel(tr("(axes: the Axes field of Reduction)"));
    f->addRow(tr("Bins"), bins_);
    f->addRow(QString(), binAxes);

    QWidget* exprPage = page(f);
    expression_->setPlaceholderText(tr("x * 2 + 1   (the selected array is x)"));
    f->addRow(tr("Expression"), expression_);
    auto* note =
        new QLabel(tr("The selected array is x. Element-wise results go to memory; an outer "
                      "reduction works too: mean(x**2, axis=0), bincount(x, 8)."));
    note->setWordWrap(true);
    f->addRow(QString(), note);

    pages_->addWidget(copyPage);
    pages_->addWidget(reducePage);
    pages_->addWidget(bincountPage);
    pages_->addWidget(exprPage);
    connect(operation_, &QComboBox::currentIndexChanged, pages_, &QStackedWidget::setCurrentIndex);

    const int hw = static_cast<int>(engine::hardware_threads());
    threads_->setRange(1, hw);
    threads_->setValue(hw);
    threads_->setSuffix(tr(" of %1").arg(hw));
    interval_->setRange(5, 1000);
    interval_->setValue(20);
    interval_->setSuffix(tr(" ms"));

    auto* settings = new QFormLayout;
    settings->addRow(tr("Threads"), threads_);
    settings->addRow(tr("Lock"), lock_);
    settings->addRow(tr("Sampling"), interval_);
    chunksPerTask_->setRange(0, 4096);
    chunksPerTask_->setSpecialValueText(tr("auto"));  // 0: the engine chooses
    chunksPerTask_->setValue(0);
    chunksPerTask_->setToolTip(
        tr("Reductions: each task reduces this many chunks of one output block. Small chunks "
           "(an HDF5 file's, say) give fewer, larger tasks; the heatmap shares a task's time "
           "out over its chunks. Auto groups as many chunks of a block as keeps 8 tasks per "
           "thread and at most 16 MiB of values per task; the run's settings show the number "
           "it chose."));
    settings->addRow(tr("Chunks per task"), chunksPerTask_);
    // Copies run one task per chunk: the setting applies to the other operations.
    auto followOperation = [this](int index) {
        chunksPerTask_->setEnabled(static_cast<RunOperation>(index) != RunOperation::Copy);
    };
    connect(operation_, &QComboBox::currentIndexChanged, this, followOperation);
    followOperation(operation_->currentIndex());

    auto* buttons = new QHBoxLayout;
    run_->setDefault(true);
    cancel_->setEnabled(false);
    buttons->addWidget(run_);
    buttons->addWidget(cancel_);
    connect(run_, &QPushButton::clicked, this, &RunPanel::runRequested);
    connect(cancel_, &QPushButton::clicked, this, &RunPanel::cancelRequested);

    auto* what = new QGroupBox(tr("Operation"));
    auto* whatLayout = new QVBoxLayout(what);
    whatLayout->addWidget(operation_);
    whatLayout->addWidget(pages_);
    auto* how = new QGroupBox(tr("Settings"));
    how->setLayout(settings);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(array_);
    layout->addWidget(what);
    layout->addWidget(how);
    layout->addLayout(buttons);
}

void RunPanel::setArrayName(const QString& name) {
    array_->setText(name.isEmpty() ? tr("No array selected: pick one in the tree.")
                                   : tr("Array: <b>%1</b>").arg(name.toHtmlEscaped()));
}

void RunPanel::setRunning(bool running) {
    run_->setEnabled(!running);
    cancel_->setEnabled(running);
}

Result<RunRequest> RunPanel::request() const {
    RunRequest r;
    r.operation = static_cast<RunOperation>(operation_->currentIndex());
    r.backend = static_cast<CopyBackend>(backend_->currentData().toInt());
    r.level = level_->value();
    r.shuffle = shuffle_->isChecked();
    r.reduceOp = reduceOp_->currentText().toStdString();
    r.bins = static_cast<std::uint32_t>(bins_->value());
    r.expression = expression_->text().toStdString();
    if (r.operation == RunOperation::Reduce || r.operation == RunOperation::Bincount) {
        CS_ASSIGN_OR_RETURN(r.axes, parseAxes(axes_->text().toStdString()));
    }
    r.settings.threads = static_cast<std::uint32_t>(threads_->value());
    r.settings.storage_lock = lock_->isChecked();
    r.settings.sample_interval_ms = static_cast<std::uint32_t>(interval_->value());
    if (r.operation != RunOperation::Copy)
        r.settings.chunks_per_task = static_cast<std::uint32_t>(chunksPerTask_->value());
    return r;
}

}  // namespace cs::ui
