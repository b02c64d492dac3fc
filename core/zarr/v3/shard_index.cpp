#include "core/zarr/v3/shard_index.h"

#include <algorithm>

namespace cs::zarr3 {

std::uint64_t ShardIndex::present() const {
    return static_cast<std::uint64_t>(
        std::count_if(entries.begin(), entries.end(), [](const auto& e) { return !e.empty(); }));
}

Result<void> ShardIndex::validate(std::uint64_t shard_size, std::uint64_t index_begin,
                                  std::uint64_t index_end, const std::string& what) const {
    struct Range {
        std::uint64_t begin, end;
        std::size_t entry;
    };
    std::vector<Range> ranges;
    ranges.reserve(entries.size() + 1);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const ShardIndexEntry& e = entries[i];
        if (e.empty()) continue;
        if (e.offset == ShardIndexEntry::kEmpty || e.nbytes == ShardIndexEntry::kEmpty ||
            e.offset > shard_size || e.nbytes > shard_size - e.offset)
            return fail(ErrorCode::Corrupt, what + ": shard index entry " + std::to_string(i) +
                                                " (offset " + std::to_string(e.offset) + ", " +
                                                std::to_string(e.nbytes) +
                                                " bytes) points past the end of the " +
                                                std::to_string(shard_size) + "-byte shard");
        if (e.nbytes > 0) ranges.push_back({e.offset, e.offset + e.nbytes, i});
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const Range& a, const Range& b) { return a.begin < b.begin; });
    for (std::size_t k = 1; k < ranges.size(); ++k)
        if (ranges[k].begin < ranges[k - 1].end)
            return fail(ErrorCode::Corrupt,
                        what + ": shard index entries " + std::to_string(ranges[k - 1].entry) +
                            " and " + std::to_string(ranges[k].entry) + " overlap (byte " +
                            std::to_string(ranges[k].begin) + ")");
    for (const Range& r : ranges)
        if (r.begin < index_end && index_begin < r.end)
            return fail(ErrorCode::Corrupt, what + ": shard index entry " +
                                                std::to_string(r.entry) +
                                                " overlaps the shard index itself");
    return {};
}

}  // namespace cs::zarr3
