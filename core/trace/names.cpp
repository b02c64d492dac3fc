// Names of the trace enums as they appear in exports, CSV and the UI.
#include <cstring>

#include "core/trace/snapshot.h"
#include "core/trace/task_graph.h"
#include "core/trace/task_record.h"

namespace cs::trace {

namespace {
constexpr const char* kPhaseNames[kPhaseCount] = {"lock_wait", "read",   "decode",
                                                  "compute",   "encode", "write"};
constexpr const char* kKindNames[] = {"copy",       "reduce",   "combine",
                                      "expression", "finalize", "other"};
}  // namespace

const char* phase_name(Phase phase) {
    const auto i = static_cast<std::size_t>(phase);
    return i < kPhaseCount ? kPhaseNames[i] : "unknown";
}

bool phase_from_name(const char* name, Phase* out) {
    for (std::size_t i = 0; i < kPhaseCount; ++i) {
        if (std::strcmp(name, kPhaseNames[i]) == 0) {
            *out = static_cast<Phase>(i);
            return true;
        }
    }
    return false;
}

const char* task_kind_name(TaskKind kind) {
    const auto i = static_cast<std::size_t>(kind);
    return i < std::size(kKindNames) ? kKindNames[i] : "other";
}

bool task_kind_from_name(const char* name, TaskKind* out) {
    for (std::size_t i = 0; i < std::size(kKindNames); ++i) {
        if (std::strcmp(name, kKindNames[i]) == 0) {
            *out = static_cast<TaskKind>(i);
            return true;
        }
    }
    return false;
}

const char* node_state_name(NodeState state) {
    switch (state) {
        case NodeState::Waiting:
            return "waiting";
        case NodeState::Running:
            return "running";
        case NodeState::Done:
            return "done";
        case NodeState::Failed:
            return "failed";
    }
    return "waiting";
}

const char* run_status_name(RunStatus status) {
    switch (status) {
        case RunStatus::NotStarted:
            return "not started";
        case RunStatus::Running:
            return "running";
        case RunStatus::Finished:
            return "finished";
        case RunStatus::Cancelled:
            return "cancelled";
        case RunStatus::Failed:
            return "failed";
    }
    return "not started";
}

}  // namespace cs::trace
