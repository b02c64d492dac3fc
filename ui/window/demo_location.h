// File → Open Demo: writes the demo data (what `chunkscope-cli gen-demo` writes, at a small
// scale) into the user's cache folder once, and returns the location to open.
#pragma once

#include <string>

#include "core/util/result.h"

namespace cs::ui {

// Runs on the background pool (it may write tens of MB the first time).
Result<std::string> prepareDemoLocation();

}  // namespace cs::ui
