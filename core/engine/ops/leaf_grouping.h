// How many chunks of one output block a reduction's leaf task takes, when the user leaves the
// choice to the engine ("auto", the default).
//
// Each leaf pays a task's fixed costs and gives a partial that a combine task must merge; a
// leaf that takes a whole block needs no combine at all. allele_lz4 (four 2.6 MB chunks per
// block of counts) ran 6% faster with 4 chunks per leaf than with 1, and an HDF5 file's
// 131 KB chunks want dozens. Two bounds keep grouping from costing more than it saves:
// - enough leaves for every thread to take kLeavesPerThread of them, so that work stealing can
//   still even the threads out at the end of the run;
// - at most kMaxLeafBytes of decoded values per leaf, so that a leaf stays short: cancel is
//   seen between tasks, and must stop a run within 100 ms.
// The chunks of a block are then shared out evenly over its leaves.
#pragma once

#include <cstdint>

namespace cs::engine {

// ReduceSpec::chunks_per_leaf's value for the automatic choice.
inline constexpr std::uint32_t kAutoChunksPerLeaf = 0;

inline constexpr std::uint64_t kLeavesPerThread = 8;
inline constexpr std::uint64_t kMaxLeafBytes = std::uint64_t{16} << 20;

struct LeafGroupingInput {
    std::uint64_t chunks_per_block = 1;  // chunks of the largest output block
    std::uint64_t blocks = 1;            // output blocks
    std::uint64_t chunk_bytes = 1;       // decoded bytes of one chunk (the leaf's values)
    std::uint32_t threads = 1;           // the run's threads
};

// The chunks per leaf for the automatic choice: 1 up to chunks_per_block.
std::uint32_t choose_chunks_per_leaf(const LeafGroupingInput& in);

}  // namespace cs::engine
