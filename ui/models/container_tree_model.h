// The tree of every open store and file: each container is a top-level item, under it its groups
// and arrays. Children load lazily (fetchMore) on the background pool; until they arrive the
// group shows a "loading…" state, and a failure shows as a Broken child that names the error.
#pragma once

#include <QAbstractItemModel>
#include <QIcon>

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/array/container.h"
#include "ui/jobs/background_jobs.h"

namespace cs::ui {

class ContainerTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Columns {
        NameColumn,
        ShapeColumn,
        DTypeColumn,
        ChunksColumn,
        StoredColumn,
        RatioColumn,
        NumColumns
    };
    enum Roles {
        SortRole = Qt::UserRole + 1,  // numbers for numeric columns, so sorting is by value
        PathRole,                     // path inside the container (QString)
        KindRole,                     // NodeKind as int
        ContainerIndexRole,           // which open container (int)
        LocationRole,                 // filesystem location of the container (QString)
    };

    explicit ContainerTreeModel(BackgroundJobs* jobs, QObject* parent = nullptr);
    ~ContainerTreeModel() override;

    // Adds a container as a new top-level item (its first level loads right away) and returns
    // the index of that item.
    QModelIndex addContainer(std::shared_ptr<Container> container);
    void removeContainer(int row);
    void clear();
    int containerCount() const { return static_cast<int>(roots_.size()); }
    std::shared_ptr<Container> container(int row) const;
    std::shared_ptr<Container> containerOf(const QModelIndex& index) const;
    NodeSummary summary(const QModelIndex& index) const;
    // Index of `path` in the container at `row` if that part of the tree is loaded already.
    QModelIndex findLoaded(int row, const QString& path) const;
    bool isLoading() const { return !pending_.empty(); }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    // A group's children arrived (or failed): views may expand or select inside it now.
    void childrenLoaded(const QModelIndex& parent);

private:
    struct Node;
    enum class LoadState { NotLoaded, Loading, Loaded };

    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const Node* node, int column = 0) const;
    void startLoad(Node* node);
    void finishLoad(std::uint64_t nodeId, Result<std::vector<NodeSummary>> children);
    void forget(Node* node);
    QVariant displayData(const Node& node, int column) const;
    QVariant sortData(const Node& node, int column) const;
    QIcon iconFor(const Node& node) const;

    BackgroundJobs* jobs_;
    std::vector<std::unique_ptr<Node>> roots_;
    std::unordered_map<std::uint64_t, Node*> pending_;  // node id -> node waiting for children
    std::uint64_t nextId_ = 1;
};

}  // namespace cs::ui
