#include "core/engine/ops/bincount_kernels.h"

namespace cs::engine {

bool cpu_has_avx2() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

void count_small_bins_sse2(const std::int8_t* p, std::uint64_t len, std::int64_t* row,
                           std::uint32_t bins) {
    count_small_bins_with<ByteVector16>(p, len, row, bins);
}

__attribute__((target("avx2"))) void count_small_bins_avx2(const std::int8_t* p, std::uint64_t len,
                                                           std::int64_t* row, std::uint32_t bins) {
    count_small_bins_with<ByteVector32>(p, len, row, bins);
}

}  // namespace cs::engine
