#include "ui/models/json_tree_model.h"

#include <vector>

namespace cs::ui {

struct JsonTreeModel::Item {
    QString key;
    Json value;
    Item* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Item>> children;

    void build() {
        auto add = [this](QString k, const Json& v) {
            auto child = std::make_unique<Item>();
            child->key = std::move(k);
            child->value = v;
            child->parent = this;
            child->row = static_cast<int>(children.size());
            child->build();
            children.push_back(std::move(child));
        };
        if (value.is_object()) {
            for (const auto& [k, v] : value.as_object()) add(QString::fromStdString(k), v);
        } else if (value.is_array()) {
            int i = 0;
            for (const auto& v : value.as_array()) add(QStringLiteral("[%1]").arg(i++), v);
        }
    }
};

namespace {

QString typeName(const Json& v) {
    switch (v.type()) {
        case Json::Type::Null:
            return QStringLiteral("null");
        case Json::Type::Bool:
            return QStringLiteral("bool");
        case Json::Type::Int:
        case Json::Type::UInt:
            return QStringLiteral("int");
        case Json::Type::Double:
            return QStringLiteral("float");
        case Json::Type::String:
            return QStringLiteral("string");
        case Json::Type::Array:
            return QStringLiteral("array");
        case Json::Type::Object:
            return QStringLiteral("object");
    }
    return {};
}

QString valueText(const Json& v) {
    if (v.is_string()) return QString::fromStdString(v.as_string());
    if (v.is_array()) return QStringLiteral("[%1 items]").arg(v.size());
    if (v.is_object()) return QStringLiteral("{%1 keys}").arg(v.size());
    return QString::fromStdString(write_json(v, {.ensure_ascii = false}));
}

}  // namespace

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent), root_(std::make_unique<Item>()) {}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setDocument(const Json& document) {
    beginResetModel();
    root_ = std::make_unique<Item>();
    root_->value = document;
    root_->build();
    endResetModel();
}

JsonTreeModel::Item* JsonTreeModel::itemOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Item*>(index.internalPointer()) : root_.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= NumColumns || (parent.isValid() && parent.column() != 0)) return {};
    const Item* p = itemOf(parent);
    if (row < 0 || row >= static_cast<int>(p->children.size())) return {};
    return createIndex(row, column, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    const Item* p = itemOf(child)->parent;
    if (!p || p == root_.get()) return {};
    return createIndex(p->row, 0, const_cast<Item*>(p));
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) return 0;
    return static_cast<int>(itemOf(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex&) const {
    return NumColumns;
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const Item* item = itemOf(index);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
            case KeyColumn:
                return item->key;
            case ValueColumn:
                return role == Qt::ToolTipRole
                           ? QString::fromStdString(write_json(item->value, {.indent = 2}))
                           : valueText(item->value);
            case TypeColumn:
                return typeName(item->value);
        }
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case KeyColumn:
            return tr("Key");
        case ValueColumn:
            return tr("Value");
        case TypeColumn:
            return tr("Type");
    }
    return {};
}

}  // namespace cs::ui
