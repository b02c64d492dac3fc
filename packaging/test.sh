#!/usr/bin/env bash
# Installs the Debian packages, builds the dev preset (warnings are errors) and runs every test.
# Usage: bash packaging/test.sh            (all tests)
#        CHUNKSCOPE_PRESET=asan bash packaging/test.sh   (under AddressSanitizer + UBSan)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${CHUNKSCOPE_PRESET:-dev}"
bash packaging/install-deps.sh
cmake --preset "$preset"
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)"
