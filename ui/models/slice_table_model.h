// The cells of a 2-D slice as a table. data() only looks in the chunk cache; a missing chunk is
// requested from the background pool (once) and the cell shows "…" until it arrives, so a
// 10^9-element array scrolls smoothly and only the chunks on screen are ever read.
#pragma once

#include <QAbstractTableModel>

#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "core/array/chunked_array.h"
#include "ui/data/chunk_cache.h"
#include "ui/data/slice_spec.h"
#include "ui/jobs/background_jobs.h"

namespace cs::ui {

class SliceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Roles { ValueRole = Qt::UserRole + 1 };  // the element as a double (NaN if not numeric)

    SliceTableModel(BackgroundJobs* jobs, QObject* parent = nullptr);
    ~SliceTableModel() override;

    void setArray(std::shared_ptr<const ChunkedArray> array, SliceSpec spec);
    void setSlice(SliceSpec spec);
    const SliceSpec& slice() const { return spec_; }
    std::shared_ptr<const ChunkedArray> array() const { return array_; }
    ChunkCache& cache() { return cache_; }
    // Chunks requested and not yet delivered.
    int pendingChunks() const { return static_cast<int>(pending_.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void chunkFailed(const QString& message);

private:
    // Returns the decoded chunk holding the cell, or null after asking for it.
    const std::uint8_t* element(int row, int col) const;
    void request(std::uint64_t linear, const ChunkCoords& coords) const;
    void delivered(std::uint64_t generation, std::uint64_t linear, ChunkCoords coords,
                   Result<Bytes> bytes);

    BackgroundJobs* jobs_;
    std::shared_ptr<const ChunkedArray> array_;
    SliceSpec spec_;
    mutable ChunkCache cache_;
    mutable std::unordered_set<std::uint64_t> pending_;
    std::unordered_map<std::uint64_t, QString> failed_;
    std::uint64_t generation_ = 0;
};

}  // namespace cs::ui
