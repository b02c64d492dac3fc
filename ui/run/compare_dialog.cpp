#include "ui/run/compare_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

#include "core/engine/executor.h"

namespace cs::ui {

namespace {
// "1 chunk", "4 chunks", "auto chunks" (0: the engine chooses).
QString chunksLabel(std::uint32_t chunksPerTask) {
    if (chunksPerTask == 0) return QStringLiteral("auto chunks");
    return QStringLiteral("%1 chunk%2").arg(chunksPerTask).arg(chunksPerTask == 1 ? "" : "s");
}
}  // namespace

std::vector<ComparisonVariant> comparisonVariants(const RunRequest& base,
                                                  const std::vector<CopyBackend>& backends,
                                                  const std::vector<std::uint32_t>& threads,
                                                  const std::vector<bool>& locks,
                                                  const std::vector<std::uint32_t>& chunksPerTask) {
    std::vector<ComparisonVariant> out;
    std::vector<std::uint32_t> groupings = chunksPerTask;
    if (groupings.empty()) groupings.push_back(base.settings.chunks_per_task);
    // A copy writes to each backend; any other operation reads a conversion of the array to
    // each backend (or the array as it is when none is chosen).
    std::vector<std::optional<CopyBackend>> what(backends.begin(), backends.end());
    if (what.empty() && base.operation != RunOperation::Copy) what.emplace_back(std::nullopt);
    for (const auto& b : what) {
        for (auto t : threads) {
            for (bool lock : locks) {
                for (auto g : groupings) {
                    ComparisonVariant v{{}, base};
                    if (b && base.operation == RunOperation::Copy) v.request.backend = *b;
                    if (b && base.operation != RunOperation::Copy) v.request.convertTo = *b;
                    v.request.settings.threads = t;
                    v.request.settings.storage_lock = lock;
                    v.request.settings.chunks_per_task = g;
                    v.name = (b ? copyBackendName(*b) + QStringLiteral(", ") : QString()) +
                             QStringLiteral("%1 thread%2, lock %3")
                                 .arg(t)
                                 .arg(t == 1 ? "" : "s")
                                 .arg(lock ? "on" : "off");
                    if (groupings.size() > 1)
                        v.name += QStringLiteral(", %1/task").arg(chunksLabel(g));
                    out.push_back(std::move(v));
                }
            }
        }
    }
    return out;
}

CompareDialog::CompareDialog(const RunRequest& base, QWidget* parent)
    : QDialog(parent),
      base_(base),
      oneThread_(new QCheckBox(tr("1 thread"))),
      allThreads_(new QCheckBox(tr("%1 threads (all)").arg(engine::hardware_threads()))),
      lockOff_(new QCheckBox(tr("lock off"))),
      lockOn_(new QCheckBox(tr("lock on"))),
      oneChunkPerTask_(new QCheckBox(tr("1 chunk per task"))),
      panelChunksPerTask_(new QCheckBox(
          tr("%1 per task (the panel's)").arg(chunksLabel(base.settings.chunks_per_task)))) {
    setWindowTitle(tr("Compare Backends"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        base.operation == RunOperation::Copy
            ? tr("Copies the selected array to each chosen backend with each setting, one run "
                 "after the other, and shows the runs side by side.")
            : tr("Converts the selected array to each chosen backend (not measured), then runs "
                 "the panel's operation on each copy with each setting, one run after the "
                 "other, and shows the runs side by side."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* backendBox = new QGroupBox(tr("Backends"));
    auto* bl = new QVBoxLayout(backendBox);
    for (auto b : {CopyBackend::ZarrBloscLz4, CopyBackend::ZarrBloscZlib, CopyBackend::ZarrZstd,
                   CopyBackend::Hdf5Gzip, CopyBackend::Memory}) {
        auto* c = new QCheckBox(copyBackendName(b));
        c->setChecked(true);
        bl->addWidget(c);
        backends_.emplace_back(b, c);
    }
    layout->addWidget(backendBox);
    auto* settings = new QGroupBox(tr("Settings"));
    auto* sl = new QVBoxLayout(settings);
    allThreads_->setChecked(true);
    lockOff_->setChecked(true);
    for (auto* c : {oneThread_, allThreads_, lockOff_, lockOn_}) sl->addWidget(c);
    panelChunksPerTask_->setChecked(true);
    for (auto* c : {oneChunkPerTask_, panelChunksPerTask_}) {
        c->setVisible(offersGrouping());
        sl->addWidget(c);
    }
    layout->addWidget(settings);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

bool CompareDialog::offersGrouping() const {
    // Grouping chunks into tasks applies to reductions, when the panel asks for it (a number
    // above 1, or auto).
    return base_.operation != RunOperation::Copy && base_.settings.chunks_per_task != 1;
}

std::vector<ComparisonVariant> CompareDialog::variants() const {
    std::vector<CopyBackend> backends;
    for (const auto& [b, c] : backends_)
        if (c->isChecked()) backends.push_back(b);
    std::vector<std::uint32_t> threads;
    if (oneThread_->isChecked()) threads.push_back(1);
    if (allThreads_->isChecked() && engine::hardware_threads() > 1)
        threads.push_back(engine::hardware_threads());
    if (threads.empty()) threads.push_back(engine::hardware_threads());
    std::vector<bool> locks;
    if (lockOff_->isChecked()) locks.push_back(false);
    if (lockOn_->isChecked()) locks.push_back(true);
    if (locks.empty()) locks.push_back(false);
    std::vector<std::uint32_t> groupings;
    if (offersGrouping()) {
        if (oneChunkPerTask_->isChecked()) groupings.push_back(1);
        if (panelChunksPerTask_->isChecked()) groupings.push_back(base_.settings.chunks_per_task);
    }
    return comparisonVariants(base_, backends, threads, locks, groupings);
}

}  // namespace cs::ui
