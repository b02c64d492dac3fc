// Chrome Trace Event JSON export (see chrome_trace.h for the layout).
#include <cinttypes>
#include <cstdio>

#include "core/trace/chrome_trace.h"

namespace cs::trace {

namespace {

constexpr int kPid = 1;

// Nanoseconds as microseconds with exactly three decimals: exact, and what the format expects.
void append_us(std::string& out, std::int64_t ns) {
    char buf[40];
    const bool neg = ns < 0;
    const std::uint64_t a = neg ? static_cast<std::uint64_t>(-ns) : static_cast<std::uint64_t>(ns);
    std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%03" PRIu64, neg ? "-" : "", a / 1000, a % 1000);
    out += buf;
}

void append_num(std::string& out, std::uint64_t v) {
    out += std::to_string(v);
}
void append_str(std::string& out, const std::string& s) {
    out += write_json(Json(s));
}

void append_task(std::string& out, const TaskRecord& r, const TaskGraph& graph) {
    out += "{\"ph\":\"X\",\"pid\":1,\"tid\":";
    append_num(out, r.lane);
    out += ",\"ts\":";
    append_us(out, r.start_ns);
    out += ",\"dur\":";
    append_us(out, r.duration_ns());
    out += ",\"cat\":";
    append_str(out, task_kind_name(r.kind));
    out += ",\"name\":";
    append_str(out,
               r.id < graph.size() ? graph.nodes[r.id].label : std::string(task_kind_name(r.kind)));
    out += ",\"args\":{\"id\":";
    append_num(out, r.id);
    out += ",\"chunk\":[";
    for (std::size_t i = 0; i < r.rank; ++i) {
        if (i) out += ",";
        append_num(out, r.coords[i]);
    }
    out += "],\"bytes_stored_in\":";
    append_num(out, r.bytes_stored_in);
    out += ",\"bytes_raw_in\":";
    append_num(out, r.bytes_raw_in);
    out += ",\"bytes_raw_out\":";
    append_num(out, r.bytes_raw_out);
    out += ",\"bytes_stored_out\":";
    append_num(out, r.bytes_stored_out);
    out += ",\"failed\":";
    out += r.failed ? "true" : "false";
    out += "}},\n";
    for (const PhaseSpan& s : r.phase_spans()) {
        out += "{\"ph\":\"X\",\"pid\":1,\"tid\":";
        append_num(out, r.lane);
        out += ",\"ts\":";
        append_us(out, s.start_ns);
        out += ",\"dur\":";
        append_us(out, s.duration_ns());
        out += ",\"cat\":\"phase\",\"name\":\"";
        out += phase_name(s.phase);
        out += "\",\"args\":{\"task\":";
        append_num(out, r.id);
        out += "}},\n";
    }
}

void append_counter(std::string& out, const char* name, std::int64_t t,
                    const std::vector<std::pair<std::string, double>>& values) {
    out += "{\"ph\":\"C\",\"pid\":1,\"name\":\"";
    out += name;
    out += "\",\"ts\":";
    append_us(out, t);
    out += ",\"args\":{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ",";
        append_str(out, values[i].first);
        out += ":";
        out += python_float_repr(values[i].second);
    }
    out += "}},\n";
}

Json settings_json(const RunSettings& s) {
    Json j = Json::object();
    j["threads"] = s.threads;
    j["storage_lock"] = s.storage_lock;
    j["sample_interval_ms"] = s.sample_interval_ms;
    j["record_tasks"] = s.record_tasks;
    j["fan_in"] = s.fan_in;
    j["chunks_per_task"] = s.chunks_per_task;
    j["operation"] = s.operation;
    Json inputs = Json::array();
    for (const auto& i : s.inputs) inputs.push_back(i);
    j["inputs"] = inputs;
    j["output"] = s.output;
    return j;
}

Json graph_json(const TaskGraph& g) {
    Json nodes = Json::array();
    for (const auto& n : g.nodes) {
        Json c = Json::array();
        for (auto v : n.coords) c.push_back(v);
        Json::Array node{Json(n.id), Json(task_kind_name(n.kind)), c, Json(n.label), Json(n.level)};
        if (!n.more_chunks.empty()) {
            Json more = Json::array();
            for (auto v : n.more_chunks) more.push_back(v);
            node.push_back(std::move(more));
        }
        nodes.push_back(Json(std::move(node)));
    }
    Json edges = Json::array();
    for (const auto& e : g.edges) edges.push_back(Json(Json::Array{Json(e.from), Json(e.to)}));
    Json j = Json::object();
    j["nodes"] = nodes;  // [id, kind, coords, label, level] + [more chunks' coords] when any
    j["edges"] = edges;  // [from, to]
    return j;
}

}  // namespace

std::string chrome_trace_json(const Snapshot& run) {
    static const TaskGraph kEmpty;
    const TaskGraph& graph = run.graph ? *run.graph : kEmpty;
    std::string out;
    out.reserve(256 + run.task_count() * 700 + run.samples.size() * 400);
    out += "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n";
    out += "{\"ph\":\"M\",\"pid\":1,\"name\":\"process_name\",\"args\":{\"name\":";
    append_str(out, "chunkscope: " + run.settings.operation);
    out += "}},\n";
    for (std::size_t lane = 0; lane < run.lanes.size(); ++lane) {
        out += "{\"ph\":\"M\",\"pid\":1,\"tid\":";
        append_num(out, lane);
        out += ",\"name\":\"thread_name\",\"args\":{\"name\":\"worker " + std::to_string(lane) +
               "\"}},\n";
    }
    for (const TaskRecord& r : run.all_records()) append_task(out, r, graph);
    for (const ResourceSample& s : run.samples) {
        append_counter(out, "CPU %", s.t_ns,
                       {{"user", s.cpu_user_pct}, {"system", s.cpu_system_pct}});
        append_counter(out, "RSS", s.t_ns, {{"bytes", static_cast<double>(s.rss_bytes)}});
        append_counter(out, "I/O", s.t_ns,
                       {{"read_bytes", static_cast<double>(s.read_bytes)},
                        {"write_bytes", static_cast<double>(s.write_bytes)}});
        std::vector<std::pair<std::string, double>> cores;
        for (std::size_t c = 0; c < s.core_busy_pct.size(); ++c)
            cores.emplace_back("cpu" + std::to_string(c), s.core_busy_pct[c]);
        if (!cores.empty()) append_counter(out, "core busy %", s.t_ns, cores);
    }
    // Close the array without a trailing comma.
    if (out.size() >= 2 && out.compare(out.size() - 2, 2, ",\n") == 0) out.resize(out.size() - 2);
    out += "\n],\"otherData\":{\"chunkscope\":";
    Json meta = Json::object();
    meta["format"] = 1;
    meta["settings"] = settings_json(run.settings);
    meta["status"] = run_status_name(run.status);
    meta["error"] = run.error;
    meta["wall_ns"] = run.now_ns;
    meta["start_unix_ns"] = run.start_unix_ns;
    meta["lanes"] = run.lanes.size();
    Json progress = Json::object();
    progress["tasks_done"] = run.progress.tasks_done;
    progress["tasks_total"] = run.progress.tasks_total;
    progress["bytes_read"] = run.progress.bytes_read;
    progress["bytes_written"] = run.progress.bytes_written;
    meta["progress"] = progress;
    meta["metadata"] = run.metadata;
    meta["graph"] = graph_json(graph);
    out += write_json(meta);
    out += "}}\n";
    return out;
}

Result<void> write_chrome_trace(const Snapshot& run, const std::string& path) {
    return write_text_file_atomic(path, chrome_trace_json(run));
}

}  // namespace cs::trace
