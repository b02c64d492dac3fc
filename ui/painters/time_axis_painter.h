// The time axis above the Gantt and under the resource timelines: ticks at 1-2-5 steps with
// labels in the best unit, so every run view reads time the same way.
#pragma once

#include <QRectF>

#include <cstdint>
#include <vector>

#include "ui/painters/time_mapping.h"

class QPainter;

namespace cs::ui {

// Tick times inside the mapping's range at a step that leaves >= `minPixels` between labels.
std::vector<std::int64_t> timeTicks(const TimeMapping& mapping, double minPixels = 80);
std::int64_t tickStep(const TimeMapping& mapping, double minPixels = 80);

// Draws ticks and labels in `rect` (labels above a baseline at the rect's bottom).
void paintTimeAxis(QPainter& painter, const QRectF& rect, const TimeMapping& mapping);
// Light vertical grid lines at the tick times, over `rect`.
void paintTimeGrid(QPainter& painter, const QRectF& rect, const TimeMapping& mapping);

}  // namespace cs::ui
