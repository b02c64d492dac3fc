#include "core/engine/ops/leaf_grouping.h"

#include <algorithm>

namespace cs::engine {

namespace {
std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
    return (a + b - 1) / b;
}
}  // namespace

std::uint32_t choose_chunks_per_leaf(const LeafGroupingInput& in) {
    const std::uint64_t per_block = std::max<std::uint64_t>(in.chunks_per_block, 1);
    const std::uint64_t blocks = std::max<std::uint64_t>(in.blocks, 1);
    // The largest group both bounds allow.
    std::uint64_t group =
        std::min(per_block, kMaxLeafBytes / std::max<std::uint64_t>(in.chunk_bytes, 1));
    const std::uint64_t leaves_wanted = kLeavesPerThread * std::max<std::uint32_t>(in.threads, 1);
    const std::uint64_t leaves_per_block = ceil_div(leaves_wanted, blocks);
    group = std::min(group, per_block / leaves_per_block);
    group = std::max<std::uint64_t>(group, 1);
    // As many leaves as that group size needs, the chunks shared evenly over them: 77 chunks
    // in groups of at most 64 become two leaves of 39 and 38, not 64 and 13.
    group = ceil_div(per_block, ceil_div(per_block, group));
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(group, UINT32_MAX));
}

}  // namespace cs::engine
