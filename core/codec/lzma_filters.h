// numcodecs' LZMA `filters`: Python's lzma filter specifiers ({"id": lzma.FILTER_LZMA2,
// "preset": 1, ...}) turned into a liblzma filter chain, with the same keys Python accepts.
#pragma once

#include <lzma.h>

#include <memory>
#include <vector>

#include "core/json/json.h"
#include "core/util/result.h"

namespace cs {

class LzmaFilterChain {
public:
    // InvalidArgument for a malformed specifier, an unknown filter id or key, or a bad preset.
    static Result<LzmaFilterChain> parse(const Json& specs);

    // Terminated by LZMA_VLI_UNKNOWN, ready for liblzma; liblzma only reads it, so one chain
    // serves concurrent encoders.
    const lzma_filter* filters() const { return filters_.data(); }
    std::size_t count() const { return filters_.size() - 1; }

private:
    std::vector<lzma_filter> filters_;
    // Each filter's options, at stable addresses that filters_ points to.
    std::vector<std::shared_ptr<void>> options_;
};

}  // namespace cs
