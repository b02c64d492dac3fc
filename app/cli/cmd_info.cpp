// chunkscope-cli info LOCATION [--json] [--chunks]: what zarr-python's `.info` shows for an
// array (plus fill value and attributes), or the tree of a group with shapes, dtypes and stored
// sizes. --chunks adds one line per chunk (key, stored bytes, ratio); --json prints the same data
// as one JSON document.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "core/location/location.h"
#include "core/zarr/zarr_python_repr.h"

namespace cs::cli {

namespace {

constexpr const char* kUsage = "info LOCATION [--json] [--chunks] [--shards-as-chunks]";

Json shape_json(const Shape& shape) {
    Json out = Json::array();
    for (auto s : shape) out.push_back(Json(static_cast<unsigned long long>(s)));
    return out;
}

std::string ratio_text(std::uint64_t nbytes, std::uint64_t stored) {
    if (stored == 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f",
                  static_cast<double>(nbytes) / static_cast<double>(stored));
    return buf;
}

std::string chunk_name(const ChunkStorage& c) {
    return c.key.empty() ? python_tuple_repr(c.coords) : c.key;
}

const char* kind_name(NodeKind kind) {
    switch (kind) {
        case NodeKind::Group:
            return "group";
        case NodeKind::Array:
            return "array";
        case NodeKind::Dimension:
            return "dimension";
        case NodeKind::Link:
            return "link";
        case NodeKind::Broken:
            return "broken";
    }
    return "?";
}

// ---- arrays ----

// zarr's info_text_report: textwrap.TextWrapper(width=80) with the name as the first line's
// indent and blanks after; words are split on spaces, a word too long for a line is cut.
std::string wrap_field(const std::string& first_indent, const std::string& next_indent,
                       const std::string& value) {
    constexpr std::size_t kWidth = 80;
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= value.size()) {
        const auto space = value.find(' ', start);
        const auto end = space == std::string::npos ? value.size() : space;
        if (end > start) words.push_back(value.substr(start, end - start));
        if (space == std::string::npos) break;
        start = space + 1;
    }
    std::string out;
    std::string line = first_indent;
    bool line_has_word = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string word = words[i];
        while (true) {
            const std::size_t needed = line.size() + (line_has_word ? 1 : 0) + word.size();
            if (needed <= kWidth) {
                if (line_has_word) line += ' ';
                line += word;
                line_has_word = true;
                break;
            }
            if (line_has_word) {  // start a new line and try again
                out += line + "\n";
                line = next_indent;
                line_has_word = false;
                continue;
            }
            const std::size_t room = kWidth > line.size() ? kWidth - line.size() : 1;
            line += word.substr(0, room);  // a word longer than a line is cut
            word = word.substr(room);
            out += line + "\n";
            line = next_indent;
            if (word.empty()) break;
        }
    }
    if (line_has_word || out.empty()) out += line + "\n";
    return out;
}

Result<int> show_array(const Container& container, const std::string& path, bool json,
                       bool chunks) {
    CS_ASSIGN_OR_RETURN(auto array, container.open_array(path));
    std::vector<InfoField> fields = array->info();
    const bool has_attributes = std::any_of(
        fields.begin(), fields.end(), [](const InfoField& f) { return f.name == "Attributes"; });
    if (!has_attributes) fields.push_back({"Attributes", write_json(array->meta().attributes)});
    std::vector<ChunkStorage> storage;
    if (chunks) {
        CS_ASSIGN_OR_RETURN(storage, array->chunk_storage());
    }
    const std::uint64_t chunk_nbytes = array->meta().chunk_nbytes();

    if (json) {
        Json doc = Json::object();
        doc["location"] = container.location();
        doc["format"] = container.format();
        doc["path"] = path;
        doc["kind"] = "array";
        doc["shape"] = shape_json(array->meta().shape());
        doc["chunk_shape"] = shape_json(array->meta().chunk_shape());
        doc["dtype"] = array->meta().dtype.to_zarr_json();
        Json info = Json::object();
        for (const auto& f : fields) info[f.name] = f.value;
        doc["info"] = info;
        doc["attributes"] = array->meta().attributes;
        if (chunks) {
            Json list = Json::array();
            for (const auto& c : storage) {
                Json item = Json::object();
                item["key"] = chunk_name(c);
                item["coords"] = shape_json(c.coords);
                item["present"] = c.present;
                item["stored_bytes"] = Json(static_cast<unsigned long long>(c.stored_bytes));
                item["ratio"] = c.present && c.stored_bytes
                                    ? Json(static_cast<double>(chunk_nbytes) /
                                           static_cast<double>(c.stored_bytes))
                                    : Json();
                list.push_back(std::move(item));
            }
            doc["chunks"] = list;
        }
        std::cout << write_json(doc, {.indent = 2}) << "\n";
        return 0;
    }

    std::size_t width = 0;
    for (const auto& f : fields) width = std::max(width, f.name.size());
    for (const auto& f : fields) {
        std::cout << wrap_field(f.name + std::string(width - f.name.size(), ' ') + " : ",
                                std::string(width, ' ') + " : ", f.value);
    }
    if (chunks) {
        std::size_t key_width = 5;
        for (const auto& c : storage) key_width = std::max(key_width, chunk_name(c).size());
        std::cout << "\n"
                  << "Chunk" << std::string(key_width - 5, ' ') << "  Stored bytes  Ratio\n";
        for (const auto& c : storage) {
            const std::string name = chunk_name(c);
            const std::string bytes = c.present ? std::to_string(c.stored_bytes) : "missing";
            std::cout << name << std::string(key_width - name.size(), ' ') << "  "
                      << std::string(bytes.size() < 12 ? 12 - bytes.size() : 0, ' ') << bytes
                      << "  " << (c.present ? ratio_text(chunk_nbytes, c.stored_bytes) : "-")
                      << "\n";
        }
    }
    return 0;
}

// ---- groups ----

struct TreeNode {
    NodeSummary summary;
    std::vector<TreeNode> children;
};

Result<TreeNode> build_tree(const Container& container, NodeSummary summary) {
    TreeNode node{std::move(summary), {}};
    if (node.summary.kind != NodeKind::Group) return node;
    CS_ASSIGN_OR_RETURN(auto children, container.children(node.summary.path));
    for (auto& child : children) {
        CS_ASSIGN_OR_RETURN(TreeNode sub, build_tree(container, std::move(child)));
        node.children.push_back(std::move(sub));
    }
    return node;
}

std::string node_line(const NodeSummary& s) {
    std::string line = s.name.empty() ? "/" : s.name;
    if (s.kind == NodeKind::Array || s.kind == NodeKind::Dimension) {
        line += "  " + python_tuple_repr(s.shape) + " " + s.dtype;
        if (s.stored_bytes) line += "  stored " + zarr_info_bytes(*s.stored_bytes);
    } else if (s.kind != NodeKind::Group) {
        line += "  [" + std::string(kind_name(s.kind)) + "]";
    }
    if (!s.note.empty()) line += "  (" + s.note + ")";
    return line;
}

void print_tree(const TreeNode& node, const std::string& indent) {
    for (std::size_t i = 0; i < node.children.size(); ++i) {
        const bool last = i + 1 == node.children.size();
        std::cout << indent << (last ? "└── " : "├── ") << node_line(node.children[i].summary)
                  << "\n";
        print_tree(node.children[i], indent + (last ? "    " : "│   "));
    }
}

Json tree_json(const Container& container, const TreeNode& node) {
    const NodeSummary& s = node.summary;
    Json doc = Json::object();
    doc["name"] = s.name;
    doc["path"] = s.path;
    doc["kind"] = kind_name(s.kind);
    if (s.kind == NodeKind::Array || s.kind == NodeKind::Dimension) {
        doc["shape"] = shape_json(s.shape);
        doc["chunk_shape"] = shape_json(s.chunk_shape);
        doc["dtype"] = s.dtype;
        doc["nbytes"] = Json(static_cast<unsigned long long>(s.nbytes));
        doc["stored_bytes"] =
            s.stored_bytes ? Json(static_cast<unsigned long long>(*s.stored_bytes)) : Json();
    }
    if (!s.note.empty()) doc["note"] = s.note;
    if (s.kind == NodeKind::Group) {
        auto attrs = container.attributes(s.path);
        doc["attributes"] = attrs ? *attrs : Json::object();
        Json children = Json::array();
        for (const auto& child : node.children) children.push_back(tree_json(container, child));
        doc["children"] = children;
    }
    return doc;
}

Result<int> show_group(const Container& container, NodeSummary root, bool json) {
    CS_ASSIGN_OR_RETURN(TreeNode tree, build_tree(container, std::move(root)));
    if (json) {
        Json doc = tree_json(container, tree);
        doc["location"] = container.location();
        doc["format"] = container.format();
        std::cout << write_json(doc, {.indent = 2}) << "\n";
        return 0;
    }
    std::cout << container.location() << (tree.summary.path.empty() ? "" : "/" + tree.summary.path)
              << "  (" << container.format() << " group)\n";
    CS_ASSIGN_OR_RETURN(Json attrs, container.attributes(tree.summary.path));
    if (attrs.size() > 0) std::cout << "Attributes: " << write_json(attrs) << "\n";
    print_tree(tree, "");
    return 0;
}

Result<int> run(const CommandArgs& argv) {
    CS_ASSIGN_OR_RETURN(Args args,
                        Args::parse(argv, {.flags = {"--json", "--chunks", "--shards-as-chunks"}}));
    if (args.positional().size() != 1) {
        return fail(ErrorCode::InvalidArgument, std::string("usage: chunkscope-cli ") + kUsage);
    }
    CS_ASSIGN_OR_RETURN(
        OpenedLocation opened,
        open_location(args.positional()[0],
                      LocationOptions{.shards_as_chunks = args.flag("--shards-as-chunks")}));
    CS_ASSIGN_OR_RETURN(NodeSummary node, opened.container->node(opened.inner_path));
    if (node.kind == NodeKind::Array || node.kind == NodeKind::Dimension)
        return show_array(*opened.container, opened.inner_path, args.flag("--json"),
                          args.flag("--chunks"));
    return show_group(*opened.container, std::move(node), args.flag("--json"));
}

}  // namespace

int run_info(const CommandArgs& args) {
    auto status = run(args);
    return status ? *status : report_error(status.error());
}

}  // namespace cs::cli
