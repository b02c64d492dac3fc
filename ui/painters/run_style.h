// Colours and number formats shared by every run painter, so the screen, the PNGs and the SVGs
// in reports use the same legend.
#pragma once

#include <QColor>
#include <QString>

#include <cstdint>

#include "core/trace/task_graph.h"
#include "core/trace/task_record.h"

namespace cs::ui {

QColor phaseColor(trace::Phase phase);
QString phaseLabel(trace::Phase phase);  // "lock wait", "read", ...
QColor nodeStateColor(trace::NodeState state);
QColor foldedColor();  // marks that stand for many narrow tasks

// "0", "250 µs", "12.5 ms", "3.20 s": a duration in the unit that reads best.
QString formatDuration(std::int64_t ns);
// "512 B", "3.4 MB", "1.20 GB" (decimal units, like the rates next to them).
QString formatBytes(double bytes);

}  // namespace cs::ui
