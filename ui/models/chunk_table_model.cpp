#include "ui/models/chunk_table_model.h"

#include <QBrush>
#include <QColor>
#include <QStringList>

#include "ui/format/display_format.h"

namespace cs::ui {

void ChunkTableModel::setChunks(std::vector<ChunkStorage> chunks, std::uint64_t chunkBytes) {
    beginResetModel();
    chunks_ = std::move(chunks);
    chunkBytes_ = chunkBytes;
    hasKeys_ = !chunks_.empty() && !chunks_.front().key.empty();
    endResetModel();
}

QString ChunkTableModel::chunkName(const ChunkStorage& chunk) {
    if (!chunk.key.empty()) return QString::fromStdString(chunk.key);
    QStringList parts;
    for (auto c : chunk.coords) parts << QString::number(c);
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

int ChunkTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(chunks_.size());
}

int ChunkTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : NumColumns;
}

QVariant ChunkTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const ChunkStorage& c = chunks_[static_cast<std::size_t>(index.row())];
    const double ratio = c.present && c.stored_bytes ? static_cast<double>(chunkBytes_) /
                                                           static_cast<double>(c.stored_bytes)
                                                     : 0.0;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case ChunkColumn:
                    return chunkName(c);
                case StoredColumn:
                    return c.present ? formatBytes(c.stored_bytes) : tr("missing");
                case RatioColumn:
                    return c.present ? formatRatio(ratio) : QString();
                case OffsetColumn:
                    if (c.present && !c.located) return tr("not listed");
                    return c.file_offset ? QString::number(c.file_offset) : QString();
            }
            return {};
        case SortRole:
            switch (index.column()) {
                case ChunkColumn:
                    return index.row();  // C order of the grid
                case StoredColumn:
                    return c.present ? static_cast<double>(c.stored_bytes) : -1.0;
                case RatioColumn:
                    return c.present ? ratio : -1.0;
                case OffsetColumn:
                    return static_cast<qulonglong>(c.file_offset);
            }
            return {};
        case StorageIndexRole:
            return index.row();
        case Qt::ToolTipRole:
            if (index.column() == OffsetColumn && c.present && !c.located)
                return tr(
                    "Not listed for a dataset of this many chunks: HDF5 1.10 finds each "
                    "chunk's address by walking the whole chunk index.");
            return c.present ? tr("chunk %1: %2 stored (%3 bytes), ratio %4")
                                   .arg(chunkName(c), formatBytes(c.stored_bytes))
                                   .arg(c.stored_bytes)
                                   .arg(formatRatio(ratio))
                             : tr("chunk %1 was never written: it reads as the fill value")
                                   .arg(chunkName(c));
        case Qt::ForegroundRole:
            if (!c.present) return QBrush(QColor(0x8a, 0x8a, 0x8a));
            return {};
        case Qt::TextAlignmentRole:
            if (index.column() != ChunkColumn)
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            return {};
    }
    return {};
}

QVariant ChunkTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case ChunkColumn:
            return hasKeys_ ? tr("Key") : tr("Coordinates");
        case StoredColumn:
            return tr("Stored");
        case RatioColumn:
            return tr("Ratio");
        case OffsetColumn:
            return tr("File offset");
    }
    return {};
}

}  // namespace cs::ui
