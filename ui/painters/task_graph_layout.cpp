#include "ui/painters/task_graph_layout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <map>
#include <mutex>
#include <set>
#include <string>

namespace cs::ui {

namespace {

// Graphviz keeps global state: one layout at a time in the process.
std::mutex& graphvizMutex() {
    static std::mutex m;
    return m;
}

struct Grouping {
    std::vector<GraphBox> boxes;
    std::vector<std::pair<std::size_t, std::size_t>> edges;
};

Grouping group(const trace::TaskGraph& graph, bool collapse) {
    Grouping g;
    std::vector<std::size_t> boxOf(graph.nodes.size());
    if (!collapse) {
        for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
            const auto& n = graph.nodes[i];
            boxOf[i] = g.boxes.size();
            g.boxes.push_back({{}, QString::fromStdString(n.label), n.kind, {n.id}});
        }
    } else {
        std::map<std::pair<int, std::uint32_t>, std::size_t> index;
        for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
            const auto& n = graph.nodes[i];
            const auto key = std::make_pair(static_cast<int>(n.kind), n.level);
            auto [it, inserted] = index.emplace(key, g.boxes.size());
            if (inserted) g.boxes.push_back({{}, {}, n.kind, {}});
            g.boxes[it->second].members.push_back(n.id);
            boxOf[i] = it->second;
        }
        for (auto& b : g.boxes) {
            b.label = QStringLiteral("%1 ×%2")
                          .arg(QString::fromUtf8(trace::task_kind_name(b.kind)))
                          .arg(b.members.size());
        }
    }
    std::set<std::pair<std::size_t, std::size_t>> seen;
    for (const auto& e : graph.edges) {
        if (e.from >= boxOf.size() || e.to >= boxOf.size()) continue;
        const auto pair = std::make_pair(boxOf[e.from], boxOf[e.to]);
        if (pair.first != pair.second && seen.insert(pair).second) g.edges.push_back(pair);
    }
    return g;
}

void set(void* obj, const char* name, const std::string& value) {
    agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()),
              const_cast<char*>(""));
}

// One Graphviz context for the process, never freed: Graphviz 2.42 caches the font name it
// measured labels with across contexts, and a second context after gvFreeContext() compared
// against the freed name (AddressSanitizer: heap-use-after-free in textspan_size). Caller holds
// graphvizMutex().
GVC_t* graphvizContext() {
    static GVC_t* context = gvContext();
    return context;
}

}  // namespace

TaskGraphLayout layoutTaskGraph(const trace::TaskGraph& graph) {
    return layoutTaskGraph(graph, graph.size() > kCollapseThreshold);
}

TaskGraphLayout layoutTaskGraph(const trace::TaskGraph& graph, bool collapse) {
    TaskGraphLayout out;
    if (!collapse && graph.size() > kMaxExpandedNodes) {
        collapse = true;
        out.error = QStringLiteral("%1 tasks are too many to lay out one by one: shown by kind")
                        .arg(graph.size());
    }
    out.collapsed = collapse;
    Grouping g = group(graph, collapse);
    if (g.boxes.empty()) return out;

    std::lock_guard<std::mutex> lock(graphvizMutex());
    GVC_t* gvc = graphvizContext();
    Agraph_t* ag = agopen(const_cast<char*>("plan"), Agdirected, nullptr);
    set(ag, "rankdir", "TB");
    set(ag, "nodesep", "0.15");
    set(ag, "ranksep", "0.35");
    std::vector<Agnode_t*> nodes;
    for (std::size_t i = 0; i < g.boxes.size(); ++i) {
        const std::string name = "n" + std::to_string(i);
        Agnode_t* n = agnode(ag, const_cast<char*>(name.c_str()), 1);
        set(n, "shape", "box");
        set(n, "fixedsize", "true");
        // Width from the label (about 7 points per character at our font), in inches.
        const double w = std::max(0.7, (g.boxes[i].label.size() * 6.5 + 16) / 72.0);
        set(n, "width", std::to_string(w));
        set(n, "height", "0.32");
        nodes.push_back(n);
    }
    std::vector<Agedge_t*> edges;
    for (const auto& [a, b] : g.edges) edges.push_back(agedge(ag, nodes[a], nodes[b], nullptr, 1));

    if (gvLayout(gvc, ag, "dot") != 0) {
        out.error = QStringLiteral("Graphviz could not lay out the task graph");
        agclose(ag);
        return out;
    }
    const boxf bb = GD_bb(ag);
    const double height = bb.UR.y;  // Graphviz's y grows upwards: flip it
    for (std::size_t i = 0; i < g.boxes.size(); ++i) {
        const pointf c = ND_coord(nodes[i]);
        const double w = ND_width(nodes[i]) * 72.0, h = ND_height(nodes[i]) * 72.0;
        g.boxes[i].rect = QRectF(c.x - w / 2, height - c.y - h / 2, w, h);
    }
    for (std::size_t k = 0; k < edges.size(); ++k) {
        GraphEdge e{g.edges[k].first, g.edges[k].second, {}, std::nullopt};
        const splines* spl = ED_spl(edges[k]);
        if (spl && spl->size > 0) {
            const bezier& bz = spl->list[0];
            for (std::size_t p = 0; p < static_cast<std::size_t>(bz.size); ++p)
                e.path.emplace_back(bz.list[p].x, height - bz.list[p].y);
            if (bz.eflag) e.tip = QPointF(bz.ep.x, height - bz.ep.y);
        }
        if (e.path.size() < 2) {
            e.path = {g.boxes[e.from].rect.center(), g.boxes[e.to].rect.center()};
        }
        out.edges.push_back(std::move(e));
    }
    out.bounds = QRectF(bb.LL.x, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);
    out.boxes = std::move(g.boxes);
    gvFreeLayout(gvc, ag);
    agclose(ag);
    return out;
}

int boxOfTask(const TaskGraphLayout& layout, std::uint64_t id) {
    for (std::size_t i = 0; i < layout.boxes.size(); ++i)
        for (auto m : layout.boxes[i].members)
            if (m == id) return static_cast<int>(i);
    return -1;
}

}  // namespace cs::ui
