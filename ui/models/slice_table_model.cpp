#include "ui/models/slice_table_model.h"

#include <QBrush>
#include <QColor>

#include <algorithm>
#include <climits>

#include "ui/data/element_format.h"

namespace cs::ui {

SliceTableModel::SliceTableModel(BackgroundJobs* jobs, QObject* parent)
    : QAbstractTableModel(parent), jobs_(jobs) {}

SliceTableModel::~SliceTableModel() = default;

void SliceTableModel::setArray(std::shared_ptr<const ChunkedArray> array, SliceSpec spec) {
    beginResetModel();
    ++generation_;  // results for the previous array are dropped on arrival
    array_ = std::move(array);
    spec_ = std::move(spec);
    cache_.clear();
    pending_.clear();
    failed_.clear();
    endResetModel();
}

void SliceTableModel::setSlice(SliceSpec spec) {
    // Same array: keep the cache (another slice often shares chunks), drop pending requests.
    beginResetModel();
    ++generation_;
    spec_ = std::move(spec);
    pending_.clear();
    endResetModel();
}

int SliceTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !array_) return 0;
    return static_cast<int>(std::min<std::uint64_t>(spec_.rows(array_->meta().shape()), INT_MAX));
}

int SliceTableModel::columnCount(const QModelIndex& parent) const {
    if (parent.isValid() || !array_) return 0;
    return static_cast<int>(std::min<std::uint64_t>(spec_.cols(array_->meta().shape()), INT_MAX));
}

const std::uint8_t* SliceTableModel::element(int row, int col) const {
    const ArrayMeta& meta = array_->meta();
    const ChunkGrid& grid = meta.grid;
    const auto coords =
        spec_.coords(static_cast<std::uint64_t>(row), static_cast<std::uint64_t>(col));
    ChunkCoords chunk(coords.size());
    std::uint64_t offset = 0;
    for (std::size_t a = 0; a < coords.size(); ++a) {
        chunk[a] = coords[a] / grid.chunk_shape[a];
        offset = offset * grid.chunk_shape[a] + coords[a] % grid.chunk_shape[a];
    }
    const std::uint64_t linear = grid.linear_of(chunk);
    auto bytes = cache_.find(linear);
    if (!bytes) {
        request(linear, chunk);
        return nullptr;
    }
    const std::uint64_t at = offset * meta.dtype.itemsize;
    if (at + meta.dtype.itemsize > bytes->size()) return nullptr;
    return bytes->data() + at;
}

void SliceTableModel::request(std::uint64_t linear, const ChunkCoords& coords) const {
    if (failed_.contains(linear) || !pending_.insert(linear).second) return;
    auto array = array_;
    const std::uint64_t generation = generation_;
    auto* self = const_cast<SliceTableModel*>(this);
    jobs_->run(
        self, [array, coords] { return array->read_chunk(coords); },
        [self, generation, linear, coords](Result<Bytes> bytes) {
            self->delivered(generation, linear, coords, std::move(bytes));
        });
}

void SliceTableModel::delivered(std::uint64_t generation, std::uint64_t linear, ChunkCoords coords,
                                Result<Bytes> bytes) {
    if (generation != generation_) return;  // stale: another array or slice is shown now
    pending_.erase(linear);
    if (!bytes) {
        const QString message = QString::fromStdString(bytes.error().describe());
        failed_[linear] = message;
        emit chunkFailed(message);
    } else {
        cache_.insert(linear, std::make_shared<const Bytes>(std::move(*bytes)));
    }
    // Repaint the part of the slice this chunk covers.
    const ChunkGrid& grid = array_->meta().grid;
    auto span = [&](int axis, int count) -> std::pair<int, int> {
        if (axis < 0) return {0, std::max(0, count - 1)};
        const auto a = static_cast<std::size_t>(axis);
        const std::uint64_t first = coords[a] * grid.chunk_shape[a];
        const std::uint64_t last = std::min<std::uint64_t>(first + grid.chunk_shape[a],
                                                           static_cast<std::uint64_t>(count)) -
                                   1;
        return {static_cast<int>(first), static_cast<int>(last)};
    };
    const auto [r0, r1] = span(spec_.rowAxis, rowCount());
    const auto [c0, c1] = span(spec_.colAxis, columnCount());
    if (rowCount() > 0 && columnCount() > 0) emit dataChanged(index(r0, c0), index(r1, c1));
}

QVariant SliceTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !array_) return {};
    if (role != Qt::DisplayRole && role != ValueRole && role != Qt::TextAlignmentRole &&
        role != Qt::ToolTipRole && role != Qt::ForegroundRole)
        return {};
    if (role == Qt::TextAlignmentRole)
        return isNumeric(array_->meta().dtype)
                   ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant{};
    const std::uint8_t* p = element(index.row(), index.column());
    if (!p) {
        if (role == Qt::ForegroundRole) return QBrush(QColor(0x99, 0x99, 0x99));
        if (role == Qt::DisplayRole) {
            // A failed chunk says so in its cells; others are on their way.
            const ChunkGrid& grid = array_->meta().grid;
            const auto coords = spec_.coords(static_cast<std::uint64_t>(index.row()),
                                             static_cast<std::uint64_t>(index.column()));
            ChunkCoords chunk(coords.size());
            for (std::size_t a = 0; a < coords.size(); ++a)
                chunk[a] = coords[a] / grid.chunk_shape[a];
            return failed_.contains(grid.linear_of(chunk)) ? tr("error") : QStringLiteral("…");
        }
        return {};
    }
    switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            return formatElement(p, array_->meta().dtype);
        case ValueRole:
            return elementToDouble(p, array_->meta().dtype);
        default:
            return {};
    }
}

QVariant SliceTableModel::headerData(int section, Qt::Orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    return section;
}

}  // namespace cs::ui
