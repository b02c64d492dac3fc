// "Compare Backends": which variants of the panel's operation to run one after the other — the
// selected array copied to Zarr blosc-lz4, blosc-zlib, zstd, HDF5 gzip and in memory; threads 1
// vs all; storage lock off vs on; for a reduction whose panel asks for several chunks per task,
// that grouping vs one chunk per task. A reduction, bincount or expression reads the array
// converted to each chosen backend (RunRequest::convertTo), so it compares backends too.
#pragma once

#include <QDialog>
#include <QString>

#include <utility>
#include <vector>

#include "ui/run/run_request.h"

class QCheckBox;

namespace cs::ui {

struct ComparisonVariant {
    QString name;  // "Zarr blosc-lz4, 2 threads, lock off"
    RunRequest request;
};

// Every combination of the chosen backends, thread counts, lock settings and chunks per task
// (empty: the base request's own; names say it only when more than one is compared).
std::vector<ComparisonVariant> comparisonVariants(
    const RunRequest& base, const std::vector<CopyBackend>& backends,
    const std::vector<std::uint32_t>& threads, const std::vector<bool>& locks,
    const std::vector<std::uint32_t>& chunksPerTask = {});

class CompareDialog : public QDialog {
    Q_OBJECT
public:
    CompareDialog(const RunRequest& base, QWidget* parent = nullptr);
    std::vector<ComparisonVariant> variants() const;

private:
    RunRequest base_;
    std::vector<std::pair<CopyBackend, QCheckBox*>> backends_;
    QCheckBox* oneThread_;
    QCheckBox* allThreads_;
    QCheckBox* lockOff_;
    QCheckBox* lockOn_;
    // A reduction whose panel groups several chunks per task: that grouping or one chunk per
    // task (or both) are offered.
    bool offersGrouping() const;
    QCheckBox* oneChunkPerTask_;
    QCheckBox* panelChunksPerTask_;
};

}  // namespace cs::ui
