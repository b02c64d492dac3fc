// A plan is an explicit task graph: every task is a node the window can draw, with edges from a
// task to the tasks that consume its result. The executor runs a task once all its producers
// are done. Plans are built by the operations (ops/copy.h, ops/reduce.h, expression.h) from any
// ChunkedArray; the task bodies capture what they need through shared_ptr, so a plan can outlive
// the code that built it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/array/chunk_grid.h"
#include "core/json/json.h"
#include "core/trace/task_graph.h"
#include "core/util/result.h"

namespace cs::engine {

class TaskContext;
using TaskBody = std::function<Result<void>(TaskContext&)>;

class Plan {
public:
    Plan();

    // Adds a task and returns its id (= its node index).
    std::uint64_t add_task(trace::TaskKind kind, std::span<const std::uint64_t> coords,
                           std::string label, std::uint32_t level, TaskBody body);
    // Task `id` also works on `chunks` (each of the rank of the coordinates it was added with):
    // recorded in its graph node, so the window charges the task's time to all its chunks.
    void add_more_chunks(std::uint64_t id, std::span<const std::vector<std::uint64_t>> chunks);
    // `to` runs only after `from` has finished.
    void add_edge(std::uint64_t from, std::uint64_t to);

    std::size_t size() const { return bodies_.size(); }
    const TaskBody& body(std::uint64_t id) const { return bodies_[id]; }
    const std::vector<std::uint32_t>& successors(std::uint64_t id) const { return succ_[id]; }
    std::uint32_t predecessor_count(std::uint64_t id) const { return pred_count_[id]; }
    // The graph as the trace and the UI see it (shared, immutable once the plan runs).
    std::shared_ptr<const trace::TaskGraph> graph() const { return graph_; }

    // What the plan does, for the run's title and a saved profile ("copy a.zarr -> b.zarr").
    std::string description;
    // Facts about inputs and outputs for the profile's metadata (shape, chunks, codecs, bytes).
    Json metadata = Json::object();

private:
    std::shared_ptr<trace::TaskGraph> graph_;
    std::vector<TaskBody> bodies_;
    std::vector<std::vector<std::uint32_t>> succ_;
    std::vector<std::uint32_t> pred_count_;
};

// "3.0.1": chunk coordinates as Zarr writes them in keys, for labels and messages.
std::string coords_label(std::span<const std::uint64_t> coords);

}  // namespace cs::engine
