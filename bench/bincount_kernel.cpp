// What the allele count's row kernel (count_small_bins_rows, four bins, counts added to the
// output; the first round writes them) costs per row, without the engine around it: one chunk's
// rows, in L2, many times over. The defaults are the two chunk shapes of the benchmark data: a Zarr
// chunk of (6553, 200, 2) gives rows of 400 bytes, an HDF5 chunk of (6553, 10, 2) rows of 20. The
// values follow the genotype data's mix (mostly 0, some 1, few 2 and 3, 0.3% missing as -1). Usage:
// bincount_kernel_bench [row length ...]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "core/engine/ops/bincount_kernels.h"

int main(int argc, char** argv) {
    std::vector<std::uint64_t> lengths;
    for (int i = 1; i < argc; ++i) lengths.push_back(std::strtoull(argv[i], nullptr, 10));
    if (lengths.empty()) lengths = {20, 400};
    const std::uint64_t rows = 6553;
    constexpr int kRounds = 301;
    for (const std::uint64_t len : lengths) {
        std::vector<std::int8_t> data(rows * len);
        std::mt19937 rng(1);
        std::discrete_distribution<int> value({0.3, 80, 15, 3, 1.7});  // -1, 0, 1, 2, 3
        for (auto& v : data) v = static_cast<std::int8_t>(value(rng) - 1);
        std::vector<std::int64_t> counts(rows * 4, 0);
        std::vector<double> ns_per_row;
        for (int round = 0; round < kRounds; ++round) {
            const auto start = std::chrono::steady_clock::now();
            cs::engine::count_small_bins_rows(data.data(), rows, len, len, counts.data(), 4,
                                              /*overwrite=*/round == 0);
            const auto end = std::chrono::steady_clock::now();
            ns_per_row.push_back(std::chrono::duration<double, std::nano>(end - start).count() /
                                 static_cast<double>(rows));
        }
        std::sort(ns_per_row.begin(), ns_per_row.end());
        const double median = ns_per_row[kRounds / 2];
        std::printf("rows of %llu bytes: median %.2f ns per row (min %.2f), %.1f GB/s\n",
                    static_cast<unsigned long long>(len), median, ns_per_row.front(),
                    static_cast<double>(len) / median);
    }
}
