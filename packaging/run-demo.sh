#!/usr/bin/env bash
# Installs the Debian packages, builds the release preset and runs the main job: the chunkscope
# window on the demo data (written once to ~/.cache/chunkscope/demo). Without a display it renders
# every view of the window to PNGs instead (CHUNKSCOPE_SCREENSHOTS, default build/screenshots).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/release/app/gui/chunkscope --demo "$@"
fi
out="${CHUNKSCOPE_SCREENSHOTS:-build/screenshots}"
echo "No display: rendering the window's views on the demo data to $out/"
QT_QPA_PLATFORM=offscreen exec build/release/app/gui/chunkscope --screenshot "$out" "$@"
