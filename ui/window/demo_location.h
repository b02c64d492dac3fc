// File → Open Demo: writes the demo data (what `chunkscope-cli gen-demo` writes, at a small
// scale) into the user's cache folder once, and returns the locations to open.
#pragma once

#include <string>
#include <vector>

#include "core/util/result.h"

namespace cs::ui {

// The demo's scale: 1% of the WORKLOADS sizes (10,000 x 765 x 2 genotypes, 80 x 7,500 floats),
// a few seconds to write, big enough for chunk maps with hundreds of chunks.
inline constexpr double kDemoScale = 0.01;

// Runs on the background pool (it writes tens of MB the first time). `cacheDir` empty: the
// platform's cache folder (~/.cache/chunkscope/demo).
Result<std::vector<std::string>> prepareDemoLocations(std::string cacheDir = {});

}  // namespace cs::ui
