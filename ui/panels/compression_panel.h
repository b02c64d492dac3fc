// Compression tab: totals (No. bytes, stored, ratio, chunks initialized n/N), a sortable table
// of chunks, the chunk map over two chosen axes of the chunk grid, and a histogram of chunk
// sizes. chunk_storage() runs on the background pool. For a sharded Zarr v3 array the map
// shows the shard boundaries and offers a shards view (zarr3_shard_storage, also in the pool).
#pragma once

#include <QWidget>

#include <optional>
#include <vector>

#include "core/zarr/v3/zarr3.h"
#include "ui/jobs/background_jobs.h"
#include "ui/window/node_details.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace cs::ui {

class AxisPicker;
class ChunkMapWidget;
class ChunkTableModel;
class MessageBar;
class PainterWidget;
struct Histogram;

class CompressionPanel : public QWidget {
    Q_OBJECT
public:
    CompressionPanel(BackgroundJobs* jobs, QWidget* parent = nullptr);
    ~CompressionPanel() override;

    void showNode(NodeDetailsPtr details);

    ChunkTableModel* chunkModel() const { return model_; }
    ChunkMapWidget* chunkMap() const { return map_; }
    AxisPicker* axisPicker() const { return axes_; }
    // "Show: inner chunks / shards"; hidden unless the array is sharded.
    QComboBox* showChoice() const { return show_; }
    MessageBar* messageBar() const { return message_; }
    QString summaryText() const;  // the totals line, for tests and screenshots

signals:
    void chunksLoaded();

private:
    struct Loaded;
    void setChunks(Loaded loaded);
    void rebuildMap();

    BackgroundJobs* jobs_;
    JobSlot slot_;
    NodeDetailsPtr details_;
    MessageBar* message_;
    QLabel* totals_;
    ChunkTableModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QComboBox* metric_;
    QCheckBox* log_;
    QComboBox* show_;
    QLabel* showLabel_;
    AxisPicker* axes_;
    ChunkMapWidget* map_;
    PainterWidget* histogram_;
    std::unique_ptr<Histogram> histogramData_;
    std::optional<Zarr3ShardLayout> shardLayout_;  // set for a sharded Zarr v3 array
    std::vector<Zarr3ShardStorage> shards_;
};

}  // namespace cs::ui
