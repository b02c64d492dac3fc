// A plan's tasks and their dependencies as the window draws them: one node per task, an edge
// from a task to each task that consumes its result. Node ids are the ids in TaskRecord::id and
// equal the node's index in `nodes`.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/trace/task_record.h"

namespace cs::trace {

enum class NodeState : std::uint8_t { Waiting, Running, Done, Failed };
const char* node_state_name(NodeState state);  // "waiting", "running", "done", "failed"

struct TaskNode {
    std::uint64_t id = 0;
    TaskKind kind = TaskKind::Other;
    std::vector<std::uint64_t> coords;  // chunk (or output block) coordinates
    std::string label;                  // short text for the node: "copy 3.0.1", "combine 2.0"
    std::uint32_t level = 0;            // depth in the graph: 0 for chunk tasks, +1 per combine
    // The further chunks of a task that works on several (a reduction leaf over a group of
    // chunks), one coordinate tuple after another (coords.size() values each); empty for a
    // task of one chunk. The window spreads the task's time over all of them.
    std::vector<std::uint64_t> more_chunks;

    std::size_t chunk_count() const {
        return 1 + (coords.empty() ? 0 : more_chunks.size() / coords.size());
    }
    // Chunk k (0 = coords) of the task, k < chunk_count().
    std::span<const std::uint64_t> chunk(std::size_t k) const {
        if (k == 0) return coords;
        return std::span<const std::uint64_t>(more_chunks)
            .subspan((k - 1) * coords.size(), coords.size());
    }
};

struct TaskEdge {
    std::uint64_t from = 0;  // producer node id
    std::uint64_t to = 0;    // consumer node id
};

struct TaskGraph {
    std::vector<TaskNode> nodes;
    std::vector<TaskEdge> edges;

    std::size_t size() const { return nodes.size(); }
};

}  // namespace cs::trace
