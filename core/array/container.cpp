#include "core/array/container.h"

namespace cs {

std::vector<NodeSummary> summarize_children(
    const std::string& parent, const std::vector<std::string>& names,
    const std::function<Result<NodeSummary>(const std::string& path)>& summarize,
    bool skip_not_found) {
    std::vector<NodeSummary> out;
    out.reserve(names.size());
    for (const auto& name : names) {
        const std::string child = parent.empty() ? name : parent + "/" + name;
        auto summary = summarize(child);
        if (summary) {
            out.push_back(std::move(*summary));
        } else if (!skip_not_found || summary.error().code != ErrorCode::NotFound) {
            NodeSummary broken;
            broken.name = name;
            broken.path = child;
            broken.kind = NodeKind::Broken;
            broken.note = summary.error().message;
            out.push_back(std::move(broken));
        }
    }
    return out;
}

}  // namespace cs
