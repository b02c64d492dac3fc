// One row per chunk of the selected array: key (Zarr) or coordinates (HDF5), stored bytes,
// ratio, file offset. Missing chunks stay in the table, marked, so n/N adds up.
#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "core/array/chunked_array.h"

namespace cs::ui {

class ChunkTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { ChunkColumn, StoredColumn, RatioColumn, OffsetColumn, NumColumns };
    enum Roles { SortRole = Qt::UserRole + 1, StorageIndexRole };

    using QAbstractTableModel::QAbstractTableModel;

    // `chunkBytes` is the decoded size of one full chunk (ratios are relative to it).
    void setChunks(std::vector<ChunkStorage> chunks, std::uint64_t chunkBytes);
    const std::vector<ChunkStorage>& chunks() const { return chunks_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString chunkName(const ChunkStorage& chunk);

private:
    std::vector<ChunkStorage> chunks_;
    std::uint64_t chunkBytes_ = 0;
    bool hasKeys_ = false;
};

}  // namespace cs::ui
