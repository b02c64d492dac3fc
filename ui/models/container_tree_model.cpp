#include "ui/models/container_tree_model.h"

#include <QFileInfo>

#include <algorithm>

#include "ui/format/display_format.h"
#include "ui/window/icons.h"

namespace cs::ui {

struct ContainerTreeModel::Node {
    NodeSummary summary;
    std::shared_ptr<Container> container;
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    LoadState state = LoadState::NotLoaded;
    std::uint64_t id = 0;
    bool isRoot() const { return parent == nullptr; }
    bool canHaveChildren() const { return summary.kind == NodeKind::Group; }
    int row() const {
        if (!parent) return -1;
        for (std::size_t i = 0; i < parent->children.size(); ++i)
            if (parent->children[i].get() == this) return static_cast<int>(i);
        return -1;
    }
};

ContainerTreeModel::ContainerTreeModel(BackgroundJobs* jobs, QObject* parent)
    : QAbstractItemModel(parent), jobs_(jobs) {}

ContainerTreeModel::~ContainerTreeModel() = default;

QModelIndex ContainerTreeModel::addContainer(std::shared_ptr<Container> container) {
    auto node = std::make_unique<Node>();
    node->container = container;
    node->id = nextId_++;
    auto root = container->node("");
    if (root) {
        node->summary = *root;
    } else {
        node->summary.kind = NodeKind::Broken;
        node->summary.note = root.error().describe();
    }
    node->summary.name =
        QFileInfo(QString::fromStdString(container->location())).fileName().toStdString();
    if (node->summary.name.empty()) node->summary.name = container->location();
    const int row = static_cast<int>(roots_.size());
    beginInsertRows({}, row, row);
    roots_.push_back(std::move(node));
    endInsertRows();
    const QModelIndex idx = index(row, 0);
    if (roots_.back()->canHaveChildren()) startLoad(roots_.back().get());
    return idx;
}

void ContainerTreeModel::removeContainer(int row) {
    if (row < 0 || row >= containerCount()) return;
    beginRemoveRows({}, row, row);
    forget(roots_[static_cast<std::size_t>(row)].get());
    roots_.erase(roots_.begin() + row);
    endRemoveRows();
}

void ContainerTreeModel::clear() {
    beginResetModel();
    for (auto& r : roots_) forget(r.get());
    roots_.clear();
    endResetModel();
}

void ContainerTreeModel::forget(Node* node) {
    pending_.erase(node->id);
    for (auto& c : node->children) forget(c.get());
}

std::shared_ptr<Container> ContainerTreeModel::container(int row) const {
    if (row < 0 || row >= containerCount()) return nullptr;
    return roots_[static_cast<std::size_t>(row)]->container;
}

std::shared_ptr<Container> ContainerTreeModel::containerOf(const QModelIndex& index) const {
    const Node* n = nodeOf(index);
    return n ? n->container : nullptr;
}

NodeSummary ContainerTreeModel::summary(const QModelIndex& index) const {
    const Node* n = nodeOf(index);
    return n ? n->summary : NodeSummary{};
}

QModelIndex ContainerTreeModel::findLoaded(int row, const QString& path) const {
    if (row < 0 || row >= containerCount()) return {};
    const Node* node = roots_[static_cast<std::size_t>(row)].get();
    const std::string target = path.toStdString();
    while (node->summary.path != target) {
        const Node* next = nullptr;
        for (const auto& c : node->children) {
            const std::string& p = c->summary.path;
            const bool inside = target.size() > p.size() && target.compare(0, p.size(), p) == 0 &&
                                target[p.size()] == '/';
            if (target == p || inside) {
                next = c.get();
                break;
            }
        }
        if (!next) return {};
        node = next;
    }
    return indexOf(node);
}

ContainerTreeModel::Node* ContainerTreeModel::nodeOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : nullptr;
}

QModelIndex ContainerTreeModel::indexOf(const Node* node, int column) const {
    if (!node) return {};
    if (node->isRoot()) {
        for (std::size_t i = 0; i < roots_.size(); ++i)
            if (roots_[i].get() == node)
                return createIndex(static_cast<int>(i), column, const_cast<Node*>(node));
        return {};
    }
    return createIndex(node->row(), column, const_cast<Node*>(node));
}

QModelIndex ContainerTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= NumColumns) return {};
    if (!parent.isValid()) {
        if (row >= containerCount()) return {};
        return createIndex(row, column, roots_[static_cast<std::size_t>(row)].get());
    }
    const Node* p = nodeOf(parent);
    if (!p || parent.column() != 0 || row >= static_cast<int>(p->children.size())) return {};
    return createIndex(row, column, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex ContainerTreeModel::parent(const QModelIndex& child) const {
    const Node* n = nodeOf(child);
    if (!n || n->isRoot()) return {};
    return indexOf(n->parent);
}

int ContainerTreeModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return containerCount();
    if (parent.column() != 0) return 0;
    const Node* n = nodeOf(parent);
    return n ? static_cast<int>(n->children.size()) : 0;
}

int ContainerTreeModel::columnCount(const QModelIndex&) const {
    return NumColumns;
}

bool ContainerTreeModel::hasChildren(const QModelIndex& parent) const {
    if (!parent.isValid()) return !roots_.empty();
    if (parent.column() != 0) return false;
    const Node* n = nodeOf(parent);
    if (!n || !n->canHaveChildren()) return false;
    return n->state != LoadState::Loaded || !n->children.empty();
}

bool ContainerTreeModel::canFetchMore(const QModelIndex& parent) const {
    const Node* n = nodeOf(parent);
    return n && parent.column() == 0 && n->canHaveChildren() && n->state == LoadState::NotLoaded;
}

void ContainerTreeModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent)) startLoad(nodeOf(parent));
}

void ContainerTreeModel::startLoad(Node* node) {
    node->state = LoadState::Loading;
    pending_[node->id] = node;
    const std::uint64_t id = node->id;
    auto container = node->container;
    const std::string path = node->summary.path;
    jobs_->run(
        this, [container, path] { return container->children(path); },
        [this, id](Result<std::vector<NodeSummary>> children) {
            finishLoad(id, std::move(children));
        });
}

void ContainerTreeModel::finishLoad(std::uint64_t nodeId,
                                    Result<std::vector<NodeSummary>> children) {
    auto it = pending_.find(nodeId);
    if (it == pending_.end()) return;  // the container was closed meanwhile: drop the result
    Node* node = it->second;
    pending_.erase(it);
    node->state = LoadState::Loaded;
    std::vector<NodeSummary> items;
    if (children) {
        items = std::move(*children);
    } else {
        NodeSummary broken;
        broken.name = "(error)";
        broken.path = node->summary.path;
        broken.kind = NodeKind::Broken;
        broken.note = children.error().describe();
        items.push_back(std::move(broken));
    }
    const QModelIndex parentIndex = indexOf(node);
    if (!items.empty()) {
        beginInsertRows(parentIndex, 0, static_cast<int>(items.size()) - 1);
        for (auto& s : items) {
            auto child = std::make_unique<Node>();
            child->summary = std::move(s);
            child->container = node->container;
            child->parent = node;
            child->id = nextId_++;
            node->children.push_back(std::move(child));
        }
        endInsertRows();
    } else {
        emit dataChanged(parentIndex, parentIndex);  // hasChildren() turned false
    }
    emit childrenLoaded(parentIndex);
}

QVariant ContainerTreeModel::data(const QModelIndex& index, int role) const {
    const Node* n = nodeOf(index);
    if (!n) return {};
    switch (role) {
        case Qt::DisplayRole:
            return displayData(*n, index.column());
        case SortRole:
            return sortData(*n, index.column());
        case PathRole:
            return QString::fromStdString(n->summary.path);
        case KindRole:
            return static_cast<int>(n->summary.kind);
        case LocationRole:
            return QString::fromStdString(n->container->location());
        case ContainerIndexRole: {
            const Node* r = n;
            while (r->parent) r = r->parent;
            return indexOf(r).row();
        }
        case Qt::DecorationRole:
            if (index.column() == NameColumn) return iconFor(*n);
            return {};
        case Qt::TextAlignmentRole:
            if (index.column() == StoredColumn || index.column() == RatioColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::ToolTipRole: {
            if (n->isRoot())
                return QStringLiteral("%1 — %2").arg(
                    QString::fromStdString(n->container->format()),
                    QString::fromStdString(n->container->location()));
            QString tip =
                QStringLiteral("/%1 (%2)")
                    .arg(QString::fromStdString(n->summary.path), nodeKindName(n->summary.kind));
            if (!n->summary.note.empty())
                tip += QStringLiteral("\n") + QString::fromStdString(n->summary.note);
            return tip;
        }
        default:
            return {};
    }
}

QVariant ContainerTreeModel::displayData(const Node& n, int column) const {
    const NodeSummary& s = n.summary;
    const bool array = s.kind == NodeKind::Array || s.kind == NodeKind::Dimension;
    switch (column) {
        case NameColumn:
            if (n.state == LoadState::Loading && n.children.empty())
                return QString::fromStdString(s.name) + QStringLiteral("  (loading…)");
            return QString::fromStdString(s.name);
        case ShapeColumn:
            return array ? formatShape(s.shape) : QVariant{};
        case DTypeColumn:
            return array ? QString::fromStdString(s.dtype) : QVariant{};
        case ChunksColumn:
            return array && !s.chunk_shape.empty() ? formatShape(s.chunk_shape) : QVariant{};
        case StoredColumn:
            return s.stored_bytes ? formatBytes(*s.stored_bytes) : QVariant{};
        case RatioColumn: {
            auto r = compressionRatio(s.nbytes, s.stored_bytes);
            return r ? formatRatio(*r) : QVariant{};
        }
        default:
            return {};
    }
}

QVariant ContainerTreeModel::sortData(const Node& n, int column) const {
    const NodeSummary& s = n.summary;
    switch (column) {
        case ShapeColumn: {
            double elements = 1;
            for (auto d : s.shape) elements *= static_cast<double>(d);
            return s.kind == NodeKind::Array ? elements : -1.0;
        }
        case ChunksColumn: {
            double elements = 1;
            for (auto d : s.chunk_shape) elements *= static_cast<double>(d);
            return s.kind == NodeKind::Array ? elements : -1.0;
        }
        case StoredColumn:
            return s.stored_bytes ? static_cast<double>(*s.stored_bytes) : -1.0;
        case RatioColumn:
            return compressionRatio(s.nbytes, s.stored_bytes).value_or(-1.0);
        default:
            return displayData(n, column);
    }
}

QIcon ContainerTreeModel::iconFor(const Node& n) const {
    if (n.isRoot()) return appIcon(n.container->format().starts_with("Zarr") ? "store" : "file");
    switch (n.summary.kind) {
        case NodeKind::Group:
            return appIcon("group");
        case NodeKind::Array:
            return appIcon("array");
        case NodeKind::Dimension:
            return appIcon("dimension");
        case NodeKind::Link:
            return appIcon("link");
        case NodeKind::Broken:
            return appIcon("error");
    }
    return {};
}

QVariant ContainerTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case NameColumn:
            return tr("Name");
        case ShapeColumn:
            return tr("Shape");
        case DTypeColumn:
            return tr("DType");
        case ChunksColumn:
            return tr("Chunks");
        case StoredColumn:
            return tr("Stored");
        case RatioColumn:
            return tr("Ratio");
        default:
            return {};
    }
}

}  // namespace cs::ui
