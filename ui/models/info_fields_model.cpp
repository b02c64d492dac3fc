#include "ui/models/info_fields_model.h"

#include <QFont>

namespace cs::ui {

void InfoFieldsModel::setFields(std::vector<InfoField> fields) {
    beginResetModel();
    fields_ = std::move(fields);
    endResetModel();
}

QString InfoFieldsModel::value(const QString& name) const {
    for (const auto& f : fields_)
        if (QString::fromStdString(f.name) == name) return QString::fromStdString(f.value);
    return {};
}

int InfoFieldsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(fields_.size());
}

int InfoFieldsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NumColumns;
}

QVariant InfoFieldsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const InfoField& f = fields_[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return QString::fromStdString(index.column() == NameColumn ? f.name : f.value);
    if (role == Qt::FontRole && index.column() == NameColumn) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant InfoFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == NameColumn ? tr("Field") : tr("Value");
}

}  // namespace cs::ui
