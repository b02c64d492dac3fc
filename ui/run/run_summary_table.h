// The summary row of a run, as the comparison table and the report show it: wall time, CPU %,
// throughput, stored sizes and ratio, lock wait and the share of each phase.
#pragma once

#include <QString>
#include <QStringList>

#include "core/trace/snapshot.h"

namespace cs::ui {

QStringList summaryHeaders();
QStringList summaryRow(const QString& name, const trace::Snapshot& run);
// Raw bytes per stored byte of what the run wrote (a copy) or else read; 0 when unknown.
double compressionRatio(const trace::Snapshot& run);

}  // namespace cs::ui
