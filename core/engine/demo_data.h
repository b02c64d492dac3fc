// The demo data of shared/bench/WORKLOADS.md, written by `chunkscope-cli gen-demo` and the
// window's File → Open Demo:
//   genotype_zlib.zarr  int8 (n, 765, 2), chunks (6553, 200, 2), Blosc(zlib, 3, noshuffle)
//   genotype_lz4.zarr   the same values, Blosc(lz4, 5, noshuffle)
//   genotype.h5         the same values at calldata/genotype, gzip 3, chunks (6553, 10, 2)
//   wvel.zarr           float32 normal(2000, 1000), (m, 7500), chunks (2000, 7500), Blosc(lz4,
//                       5, shuffle) (zarr's default compressor)
// with n = 1,000,000 x scale and m = 8000 x scale. Genotypes follow the reference's model: per
// site an allele frequency p ~ Beta(0.15, 3); per call u ~ U(0,1): 1 if u < p (2 if u < 0.02 p),
// 0 otherwise, and -1 (missing) when u > 0.997. Deterministic from the seed, whatever the thread
// count: every chunk row has its own random stream.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "core/array/chunk_grid.h"
#include "core/util/result.h"

namespace cs::engine {

struct DemoDataOptions {
    double scale = 1.0;  // 1.0: WORKLOADS' sizes (1.5 GB of genotypes)
    std::uint64_t seed = 42;
    std::uint32_t threads = 0;  // 0: all cores
    bool genotype = true;
    bool field = true;
};

struct DemoDataInfo {
    Shape genotype_shape;
    Shape field_shape;
    std::uint64_t bytes_written = 0;  // stored bytes of all four arrays
};

// `progress(fraction, stage)` is called from the writing threads (serialised); `cancel` stops
// between chunks with a Cancelled error. The folder is created if needed; existing demo arrays in
// it are replaced.
Result<DemoDataInfo> write_demo_data(
    const std::string& dir, const DemoDataOptions& options,
    const std::function<void(double, const std::string&)>& progress = {},
    const std::atomic<bool>* cancel = nullptr);

}  // namespace cs::engine
