#!/usr/bin/env bash
# Installs the Debian packages, builds the release preset and runs the main job: until the window
# lands, chunkscope-cli info on a small demo store that this script writes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
exec build/release/app/cli/chunkscope-cli version
