// How sizes, shapes and ratios read everywhere in the window, so every panel agrees.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>

#include "core/array/chunk_grid.h"
#include "core/array/container.h"

namespace cs::ui {

QString formatBytes(std::uint64_t bytes);  // "1.5 MiB", "512 B"
QString formatShape(const Shape& shape);   // "(100, 20, 3)", "()" for 0-d
QString formatRatio(double ratio);         // "3.25", "—" when undefined
QString formatCount(std::uint64_t n);      // "1,234,567"
QString nodeKindName(NodeKind kind);       // "group", "array", ...
// Decoded size over stored size; nullopt when nothing is stored.
std::optional<double> compressionRatio(std::uint64_t nbytes, std::optional<std::uint64_t> stored);

}  // namespace cs::ui
