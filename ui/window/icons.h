// The window's own SVG icons (resources/icons), so the offscreen platform and desktops without
// an icon theme never show blanks.
#pragma once

#include <QIcon>

namespace cs::ui {

// `name` is the file name without ".svg", e.g. "array", "open-store".
QIcon appIcon(const char* name);

}  // namespace cs::ui
