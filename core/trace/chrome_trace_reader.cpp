// Chrome Trace Event JSON import (see chrome_trace.h): rebuilds a finished run's Snapshot.
#include <algorithm>
#include <cmath>
#include <map>

#include "core/trace/chrome_trace.h"

namespace cs::trace {

namespace {

std::int64_t us_to_ns(const Json& v) {
    return std::llround(v.as_double() * 1000.0);
}

std::uint64_t uint_or(const Json* v, std::uint64_t fallback) {
    return v && v->is_int() ? v->as_uint() : fallback;
}

RunStatus status_from_name(const std::string& s) {
    for (auto st : {RunStatus::NotStarted, RunStatus::Running, RunStatus::Finished,
                    RunStatus::Cancelled, RunStatus::Failed})
        if (s == run_status_name(st)) return st;
    return RunStatus::Finished;
}

void read_settings(const Json& j, RunSettings& s) {
    if (!j.is_object()) return;
    if (auto* v = j.find("threads"); v && v->is_int())
        s.threads = static_cast<std::uint32_t>(v->as_uint());
    if (auto* v = j.find("storage_lock"); v && v->is_bool()) s.storage_lock = v->as_bool();
    if (auto* v = j.find("sample_interval_ms"); v && v->is_int())
        s.sample_interval_ms = static_cast<std::uint32_t>(v->as_uint());
    if (auto* v = j.find("record_tasks"); v && v->is_bool()) s.record_tasks = v->as_bool();
    if (auto* v = j.find("fan_in"); v && v->is_int())
        s.fan_in = static_cast<std::uint32_t>(v->as_uint());
    if (auto* v = j.find("chunks_per_task"); v && v->is_int())
        s.chunks_per_task = static_cast<std::uint32_t>(v->as_uint());
    if (auto* v = j.find("operation"); v && v->is_string()) s.operation = v->as_string();
    if (auto* v = j.find("output"); v && v->is_string()) s.output = v->as_string();
    if (auto* v = j.find("inputs"); v && v->is_array())
        for (const auto& i : v->as_array())
            if (i.is_string()) s.inputs.push_back(i.as_string());
}

Result<std::shared_ptr<TaskGraph>> read_graph(const Json& j, std::string_view what) {
    auto g = std::make_shared<TaskGraph>();
    if (!j.is_object()) return g;
    const Json* nodes = j.find("nodes");
    const Json* edges = j.find("edges");
    const auto bad = [&](const char* why) {
        return fail(ErrorCode::Corrupt, std::string(what) + ": task graph: " + why);
    };
    if (nodes && nodes->is_array()) {
        for (const Json& n : nodes->as_array()) {
            if (!n.is_array() || (n.size() != 5 && n.size() != 6) || !n.as_array()[0].is_int() ||
                !n.as_array()[1].is_string() || !n.as_array()[2].is_array() ||
                !n.as_array()[3].is_string() || !n.as_array()[4].is_int() ||
                (n.size() == 6 && !n.as_array()[5].is_array()))
                return bad("a node is not [id, kind, coords, label, level(, more chunks)]");
            TaskNode node;
            node.id = n.as_array()[0].as_uint();
            if (node.id != g->nodes.size()) return bad("node ids are not 0, 1, 2, ...");
            task_kind_from_name(n.as_array()[1].as_string().c_str(), &node.kind);
            for (const Json& c : n.as_array()[2].as_array())
                if (c.is_int()) node.coords.push_back(c.as_uint());
            node.label = n.as_array()[3].as_string();
            node.level = static_cast<std::uint32_t>(n.as_array()[4].as_uint());
            if (n.size() == 6) {
                for (const Json& c : n.as_array()[5].as_array())
                    if (c.is_int()) node.more_chunks.push_back(c.as_uint());
                if (node.coords.empty() || node.more_chunks.size() % node.coords.size() != 0)
                    return bad("a node's further chunks do not match the rank of its coordinates");
            }
            g->nodes.push_back(std::move(node));
        }
    }
    if (edges && edges->is_array()) {
        for (const Json& e : edges->as_array()) {
            if (!e.is_array() || e.size() != 2 || !e.as_array()[0].is_int() ||
                !e.as_array()[1].is_int())
                return bad("an edge is not [from, to]");
            TaskEdge edge{e.as_array()[0].as_uint(), e.as_array()[1].as_uint()};
            if (edge.from >= g->nodes.size() || edge.to >= g->nodes.size())
                return bad("an edge names a node that does not exist");
            g->edges.push_back(edge);
        }
    }
    return g;
}

}  // namespace

Result<Snapshot> parse_chrome_trace(std::string_view text, std::string_view what) {
    CS_ASSIGN_OR_RETURN(Json doc, parse_json(text, what));
    const Json* events =
        doc.is_object() ? doc.find("traceEvents") : (doc.is_array() ? &doc : nullptr);
    if (!events || !events->is_array())
        return fail(ErrorCode::Corrupt,
                    std::string(what) + ": not a Chrome trace (no traceEvents list)");
    Snapshot run;
    run.status = RunStatus::Finished;
    std::shared_ptr<TaskGraph> graph = std::make_shared<TaskGraph>();
    std::uint32_t lane_count = 0;
    if (const Json* other = doc.is_object() ? doc.find("otherData") : nullptr) {
        if (const Json* cs = other->find("chunkscope"); cs && cs->is_object()) {
            if (auto* s = cs->find("settings")) read_settings(*s, run.settings);
            if (auto* s = cs->find("status"); s && s->is_string())
                run.status = status_from_name(s->as_string());
            if (auto* s = cs->find("error"); s && s->is_string()) run.error = s->as_string();
            if (auto* s = cs->find("wall_ns"); s && s->is_int()) run.now_ns = s->as_int();
            if (auto* s = cs->find("start_unix_ns"); s && s->is_int())
                run.start_unix_ns = s->as_int();
            if (auto* s = cs->find("lanes"); s && s->is_int())
                lane_count = static_cast<std::uint32_t>(s->as_uint());
            if (auto* s = cs->find("metadata"); s && s->is_object()) run.metadata = *s;
            if (auto* p = cs->find("progress"); p && p->is_object()) {
                run.progress.tasks_done = uint_or(p->find("tasks_done"), 0);
                run.progress.tasks_total = uint_or(p->find("tasks_total"), 0);
                run.progress.bytes_read = uint_or(p->find("bytes_read"), 0);
                run.progress.bytes_written = uint_or(p->find("bytes_written"), 0);
            }
            if (auto* g = cs->find("graph")) {
                CS_ASSIGN_OR_RETURN(graph, read_graph(*g, what));
            }
        }
    }
    std::vector<std::vector<TaskRecord>> lanes(lane_count);
    std::vector<std::tuple<std::uint32_t, Phase, std::int64_t, std::int64_t>> phases;
    std::map<std::int64_t, ResourceSample> samples;
    std::uint64_t next_id = 0;
    for (const Json& e : events->as_array()) {
        const Json* ph = e.find("ph");
        if (!ph || !ph->is_string()) continue;
        const std::string& p = ph->as_string();
        const Json* ts = e.find("ts");
        if (p == "X") {
            const Json* dur = e.find("dur");
            const Json* tid = e.find("tid");
            if (!ts || !ts->is_number() || !dur || !dur->is_number())
                return fail(ErrorCode::Corrupt, std::string(what) + ": an X event has no ts/dur");
            const auto lane = static_cast<std::uint32_t>(tid && tid->is_int() ? tid->as_uint() : 0);
            if (lane > 4096)
                return fail(ErrorCode::Corrupt, std::string(what) + ": lane " +
                                                    std::to_string(lane) + " is implausible");
            if (lane >= lanes.size()) lanes.resize(lane + 1);
            const std::int64_t start = us_to_ns(*ts), end = start + us_to_ns(*dur);
            const Json* cat = e.find("cat");
            const Json* name = e.find("name");
            Phase phase;
            if (cat && cat->is_string() && cat->as_string() == "phase" && name &&
                name->is_string() && phase_from_name(name->as_string().c_str(), &phase)) {
                phases.emplace_back(lane, phase, start, end);
                continue;
            }
            TaskRecord r;
            r.lane = lane;
            r.start_ns = start;
            r.end_ns = end;
            r.id = next_id++;
            if (cat && cat->is_string()) task_kind_from_name(cat->as_string().c_str(), &r.kind);
            if (const Json* args = e.find("args"); args && args->is_object()) {
                r.id = uint_or(args->find("id"), r.id);
                if (const Json* c = args->find("chunk"); c && c->is_array()) {
                    std::vector<std::uint64_t> coords;
                    for (const Json& v : c->as_array())
                        if (v.is_int()) coords.push_back(v.as_uint());
                    r.set_coords(coords);
                }
                r.bytes_stored_in = uint_or(args->find("bytes_stored_in"), 0);
                r.bytes_raw_in = uint_or(args->find("bytes_raw_in"), 0);
                r.bytes_raw_out = uint_or(args->find("bytes_raw_out"), 0);
                r.bytes_stored_out = uint_or(args->find("bytes_stored_out"), 0);
                if (const Json* f = args->find("failed"); f && f->is_bool())
                    r.failed = f->as_bool();
            }
            lanes[lane].push_back(r);
        } else if (p == "C" && ts && ts->is_number()) {
            const Json* name = e.find("name");
            const Json* args = e.find("args");
            if (!name || !name->is_string() || !args || !args->is_object()) continue;
            ResourceSample& s = samples[us_to_ns(*ts)];
            s.t_ns = us_to_ns(*ts);
            auto num = [&](const char* k) {
                const Json* v = args->find(k);
                return v && v->is_number() ? v->as_double() : 0.0;
            };
            const std::string& n = name->as_string();
            if (n == "CPU %") {
                s.cpu_user_pct = num("user");
                s.cpu_system_pct = num("system");
            } else if (n == "RSS") {
                s.rss_bytes = static_cast<std::uint64_t>(num("bytes"));
            } else if (n == "I/O") {
                s.read_bytes = static_cast<std::uint64_t>(num("read_bytes"));
                s.write_bytes = static_cast<std::uint64_t>(num("write_bytes"));
            } else if (n == "core busy %") {
                for (std::size_t c = 0;; ++c) {
                    const Json* v = args->find("cpu" + std::to_string(c));
                    if (!v || !v->is_number()) break;
                    s.core_busy_pct.push_back(static_cast<float>(v->as_double()));
                }
            }
        }
    }
    // Tasks per lane by start time; each phase goes to the task on its lane that contains it.
    for (auto& lane : lanes)
        std::stable_sort(lane.begin(), lane.end(), [](const TaskRecord& a, const TaskRecord& b) {
            return a.start_ns < b.start_ns;
        });
    std::stable_sort(phases.begin(), phases.end(),
                     [](const auto& a, const auto& b) { return std::get<2>(a) < std::get<2>(b); });
    for (const auto& [lane, phase, start, end] : phases) {
        auto& recs = lanes[lane];
        auto it =
            std::upper_bound(recs.begin(), recs.end(), start,
                             [](std::int64_t t, const TaskRecord& r) { return t < r.start_ns; });
        if (it == recs.begin() || end > std::prev(it)->end_ns)
            return fail(ErrorCode::Corrupt, std::string(what) + ": a " + phase_name(phase) +
                                                " phase on lane " + std::to_string(lane) +
                                                " lies outside every task");
        std::prev(it)->add_span(phase, start, end);
    }
    std::int64_t last = 0;
    for (auto& lane : lanes) {
        run.lanes.push_back(TaskLogView::from_vector(lane));
        if (!lane.empty()) last = std::max(last, lane.back().end_ns);
    }
    std::vector<ResourceSample> sample_list;
    for (auto& [t, s] : samples) sample_list.push_back(std::move(s));
    run.samples = LogView<ResourceSample>::from_vector(sample_list);
    if (run.now_ns == 0) run.now_ns = last;
    if (graph->nodes.empty()) {
        // A foreign trace: one node per task so the graph view has something to draw.
        for (const auto& r : run.all_records()) {
            TaskNode n;
            n.id = graph->nodes.size();
            n.kind = r.kind;
            n.coords.assign(r.chunk().begin(), r.chunk().end());
            n.label = task_kind_name(r.kind);
            graph->nodes.push_back(std::move(n));
        }
    }
    run.node_states.assign(graph->size(), NodeState::Waiting);
    for (const auto& lane : run.lanes)
        for (const auto& r : lane)
            if (r.id < graph->size())
                run.node_states[r.id] = r.failed ? NodeState::Failed : NodeState::Done;
    if (run.progress.tasks_total == 0) {
        run.progress.tasks_total = graph->size();
        run.progress.tasks_done = run.task_count();
    }
    run.graph = std::move(graph);
    return run;
}

Result<Snapshot> import_chrome_trace(const std::string& path) {
    CS_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
    return parse_chrome_trace(text, path);
}

}  // namespace cs::trace
