#include "ui/window/node_details.h"

#include "ui/format/display_format.h"

namespace cs::ui {

NodeDetailsPtr loadNodeDetails(std::shared_ptr<Container> container, NodeSummary summary) {
    auto details = std::make_shared<NodeDetails>();
    details->container = container;
    details->summary = summary;
    const std::string shown = summary.path.empty() ? "/" : "/" + summary.path;
    details->info.push_back({"Path", shown});
    details->info.push_back({"Store type", container->format()});
    details->info.push_back({"Location", container->location()});
    if (summary.kind == NodeKind::Array) {
        auto array = container->open_array(summary.path);
        if (!array) {
            details->error = array.error();
        } else {
            details->array = std::shared_ptr<const ChunkedArray>(std::move(*array));
            for (auto& f : details->array->info()) {
                // The array's own lines come first in its own words; skip ones we added above.
                if (f.name == "Path" || f.name == "Store type" || f.name == "Location") continue;
                details->info.push_back(std::move(f));
            }
            const auto& m = details->array->meta();
            if (!m.dimension_names.empty()) {
                std::string names;
                for (const auto& n : m.dimension_names) names += (names.empty() ? "" : ", ") + n;
                bool listed = false;
                for (const auto& f : details->info) listed |= f.name == "Dimension names";
                if (!listed) details->info.push_back({"Dimension names", names});
            }
        }
    } else {
        details->info.push_back({"Kind", nodeKindName(summary.kind).toStdString()});
        if (!summary.note.empty()) details->info.push_back({"Note", summary.note});
        if (summary.kind == NodeKind::Broken && !summary.note.empty())
            details->error = Error{ErrorCode::Corrupt, summary.note};
    }
    if (summary.kind != NodeKind::Broken) {
        auto attrs = container->attributes(summary.path);
        if (attrs) {
            details->attributes = std::move(*attrs);
        } else if (!details->error) {
            details->error = attrs.error();
        }
    }
    return details;
}

}  // namespace cs::ui
