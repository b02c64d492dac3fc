// The name/value lines of `chunkscope-cli info` as a two-column table.
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "core/array/chunked_array.h"

namespace cs::ui {

class InfoFieldsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { NameColumn, ValueColumn, NumColumns };

    using QAbstractTableModel::QAbstractTableModel;

    void setFields(std::vector<InfoField> fields);
    const std::vector<InfoField>& fields() const { return fields_; }
    // The value of the field called `name`, empty when there is none.
    QString value(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<InfoField> fields_;
};

}  // namespace cs::ui
