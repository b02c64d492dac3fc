// Attributes (any JSON document) as an expandable tree: key, value, type. Objects and arrays
// are expandable; scalars show as Python/JSON would print them.
#pragma once

#include <QAbstractItemModel>

#include <memory>

#include "core/json/json.h"

namespace cs::ui {

class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Columns { KeyColumn, ValueColumn, TypeColumn, NumColumns };

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    // Shows the members of `document` (an object's keys, an array's indices) as top-level rows.
    void setDocument(const Json& document);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Item;
    Item* itemOf(const QModelIndex& index) const;

    std::unique_ptr<Item> root_;
};

}  // namespace cs::ui
