// Everything the panels show about the selected tree item, loaded once on the background pool
// and then shared read-only: the open array (null for groups), its info lines and attributes,
// or the error that stopped it from opening.
#pragma once

#include <QMetaType>

#include <memory>
#include <optional>
#include <vector>

#include "core/array/container.h"

namespace cs::ui {

struct NodeDetails {
    std::shared_ptr<Container> container;
    NodeSummary summary;
    std::shared_ptr<const ChunkedArray> array;  // arrays only
    std::vector<InfoField> info;
    Json attributes = Json::object();
    std::optional<Error> error;  // set when the node could not be opened or read

    bool isArray() const { return array != nullptr; }
};

using NodeDetailsPtr = std::shared_ptr<const NodeDetails>;

// Opens the node (I/O: call it on the background pool).
NodeDetailsPtr loadNodeDetails(std::shared_ptr<Container> container, NodeSummary summary);

}  // namespace cs::ui

Q_DECLARE_METATYPE(cs::ui::NodeDetailsPtr)
