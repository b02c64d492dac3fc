#!/usr/bin/env bash
# Installs every Debian 12 package chunkscope needs to build, test and benchmark.
# Runs as root directly, or through sudo otherwise. Safe to run again.
set -euo pipefail

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache clang-format clang-tidy
  # Qt 6 (Widgets, Charts, Svg, Test)
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev
  fonts-dejavu-core
  # core libraries
  libhdf5-dev libblosc-dev libtbb-dev zlib1g-dev libzstd-dev liblz4-dev libbz2-dev liblzma-dev
  liblzf-dev rapidjson-dev libgraphviz-dev
  # the peers our tests and benchmarks compare against
  python3 python3-numpy python3-zarr python3-numcodecs python3-h5py python3-dask python3-netcdf4
  hdf5-filter-plugin hdf5-filter-plugin-blosc-serial hdf5-tools
  # GUI under a virtual display, screenshots
  xvfb xauth
)

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
