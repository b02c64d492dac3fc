#include "core/engine/plan.h"

namespace cs::engine {

Plan::Plan() : graph_(std::make_shared<trace::TaskGraph>()) {}

std::uint64_t Plan::add_task(trace::TaskKind kind, std::span<const std::uint64_t> coords,
                             std::string label, std::uint32_t level, TaskBody body) {
    const std::uint64_t id = bodies_.size();
    trace::TaskNode node;
    node.id = id;
    node.kind = kind;
    node.coords.assign(coords.begin(), coords.end());
    node.label = std::move(label);
    node.level = level;
    graph_->nodes.push_back(std::move(node));
    bodies_.push_back(std::move(body));
    succ_.emplace_back();
    pred_count_.push_back(0);
    return id;
}

void Plan::add_more_chunks(std::uint64_t id, std::span<const std::vector<std::uint64_t>> chunks) {
    trace::TaskNode& node = graph_->nodes[id];
    for (const auto& c : chunks)
        node.more_chunks.insert(node.more_chunks.end(), c.begin(), c.end());
}

void Plan::add_edge(std::uint64_t from, std::uint64_t to) {
    graph_->edges.push_back(trace::TaskEdge{from, to});
    succ_[from].push_back(static_cast<std::uint32_t>(to));
    ++pred_count_[to];
}

std::string coords_label(std::span<const std::uint64_t> coords) {
    std::string s;
    for (std::size_t i = 0; i < coords.size(); ++i) {
        if (i) s += '.';
        s += std::to_string(coords[i]);
    }
    return s.empty() ? "0" : s;
}

}  // namespace cs::engine
