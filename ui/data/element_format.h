// Turns one stored element of any dtype into a number (for colours, plots and statistics) or
// into text (for the table): big-endian types are byte-swapped, strings decoded, records and
// opaque types shown as hex.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>

#include "core/array/dtype.h"

namespace cs::ui {

// NaN for kinds with no numeric value (strings, records, raw bytes, objects). Complex numbers
// give their real part; datetimes their integer count of units.
double elementToDouble(const std::uint8_t* element, const DType& dtype);
QString formatElement(const std::uint8_t* element, const DType& dtype);
bool isNumeric(const DType& dtype);

}  // namespace cs::ui
