#include "ui/panels/compression_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/format/display_format.h"
#include "ui/models/chunk_table_model.h"
#include "ui/painters/histogram_painter.h"
#include "ui/painters/shard_map_data.h"
#include "ui/widgets/axis_picker.h"
#include "ui/widgets/chunk_map_widget.h"
#include "ui/widgets/message_bar.h"
#include "ui/widgets/painter_widget.h"

namespace cs::ui {

// What the background job reads: every chunk's storage, and every shard's for a sharded array.
struct CompressionPanel::Loaded {
    Result<std::vector<ChunkStorage>> chunks;
    Result<std::vector<Zarr3ShardStorage>> shards = std::vector<Zarr3ShardStorage>{};
};

CompressionPanel::CompressionPanel(BackgroundJobs* jobs, QWidget* parent)
    : QWidget(parent),
      jobs_(jobs),
      message_(new MessageBar(this)),
      totals_(new QLabel(this)),
      model_(new ChunkTableModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      table_(new QTableView(this)),
      metric_(new QComboBox(this)),
      log_(new QCheckBox(tr("Log scale"), this)),
      show_(new QComboBox(this)),
      showLabel_(new QLabel(tr("Show:"), this)),
      axes_(new AxisPicker(this)),
      map_(new ChunkMapWidget(this)),
      histogram_(new PainterWidget(this)),
      histogramData_(std::make_unique<Histogram>()) {
    totals_->setObjectName(QStringLiteral("compressionTotals"));
    totals_->setTextFormat(Qt::RichText);
    totals_->setText(tr("<i>Select an array to see how it is stored.</i>"));

    proxy_->setSourceModel(model_);
    proxy_->setSortRole(ChunkTableModel::SortRole);
    table_->setObjectName(QStringLiteral("chunkTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(ChunkTableModel::ChunkColumn, Qt::AscendingOrder);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setAlternatingRowColors(true);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setColumnWidth(ChunkTableModel::ChunkColumn, 120);

    metric_->setObjectName(QStringLiteral("chunkMetric"));
    metric_->addItem(tr("Stored size"));
    metric_->addItem(tr("Compression ratio"));
    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(new QLabel(tr("Colour by:"), this));
    controls->addWidget(metric_);
    controls->addWidget(log_);
    show_->setObjectName(QStringLiteral("chunkMapShow"));
    show_->addItem(tr("inner chunks"));
    show_->addItem(tr("shards"));
    controls->addWidget(showLabel_);
    controls->addWidget(show_);
    controls->addStretch(1);
    show_->setVisible(false);
    showLabel_->setVisible(false);

    histogram_->setMinimumHeight(140);
    histogram_->setMaximumHeight(200);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(controls);
    rightLayout->addWidget(axes_);
    rightLayout->addWidget(map_, 1);
    rightLayout->addWidget(new QLabel(tr("<b>Chunk sizes</b>"), this));
    rightLayout->addWidget(histogram_);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("compressionSplitter"));
    splitter->addWidget(table_);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({300, 460});

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(totals_);
    layout->addWidget(message_);
    layout->addWidget(splitter, 1);

    connect(metric_, &QComboBox::currentIndexChanged, this, [this] { rebuildMap(); });
    connect(log_, &QCheckBox::toggled, this, [this] { rebuildMap(); });
    connect(show_, &QComboBox::currentIndexChanged, this, [this] { rebuildMap(); });
    connect(axes_, &AxisPicker::changed, this, [this] { rebuildMap(); });
    map_->chunkName = [this](int storageIndex) {
        const auto& chunks = model_->chunks();
        return storageIndex >= 0 && storageIndex < static_cast<int>(chunks.size())
                   ? ChunkTableModel::chunkName(chunks[static_cast<std::size_t>(storageIndex)])
                   : QString();
    };
    connect(map_, &ChunkMapWidget::chunkClicked, this, [this](int storageIndex) {
        const QModelIndex source = model_->index(storageIndex, 0);
        const QModelIndex shown = proxy_->mapFromSource(source);
        table_->setCurrentIndex(shown);
        table_->scrollTo(shown);
    });
    setTabOrder(table_, metric_);
    setTabOrder(metric_, log_);
    setTabOrder(log_, show_);
    setTabOrder(show_, axes_);
}

CompressionPanel::~CompressionPanel() {
    slot_.cancel();
}

void CompressionPanel::showNode(NodeDetailsPtr details) {
    details_ = details;
    message_->clearMessage();
    model_->setChunks({}, 0);
    map_->setMap({}, {});
    *histogramData_ = {};
    histogram_->update();
    shardLayout_.reset();
    shards_.clear();
    show_->setVisible(false);
    showLabel_->setVisible(false);
    if (!details || !details->isArray()) {
        slot_.cancel();
        totals_->setText(tr("<i>Select an array to see how it is stored.</i>"));
        axes_->setAxes({}, {});
        return;
    }
    const ArrayMeta& meta = details->array->meta();
    axes_->setAxes(meta.grid.grid_shape(), meta.dimension_names);
    totals_->setText(tr("<i>Reading the chunk index…</i>"));
    const JobTicket ticket = slot_.next();
    auto array = details->array;
    // Arrays opened with shards_as_chunks already have one chunk per shard: nothing to overlay.
    shardLayout_ = zarr3_shard_layout(*array);
    if (shardLayout_ && shardLayout_->chunks_are_shards) shardLayout_.reset();
    const bool sharded = shardLayout_.has_value();
    jobs_->run(
        this,
        [array, sharded] {
            Loaded loaded{array->chunk_storage()};
            if (sharded) loaded.shards = zarr3_shard_storage(*array);
            return loaded;
        },
        [this, ticket](Loaded loaded) {
            if (!slot_.isCurrent(ticket)) return;
            setChunks(std::move(loaded));
        });
}

void CompressionPanel::setChunks(Loaded loaded) {
    Result<std::vector<ChunkStorage>>& chunks = loaded.chunks;
    if (shardLayout_) {
        if (loaded.shards) {
            shards_ = std::move(*loaded.shards);
            show_->setVisible(true);
            showLabel_->setVisible(true);
        } else {
            message_->showMessage(QString::fromStdString(loaded.shards.error().describe()));
            shardLayout_.reset();
        }
    }
    if (!chunks) {
        totals_->setText(tr("<i>No chunk statistics.</i>"));
        message_->showMessage(QString::fromStdString(chunks.error().describe()));
        emit chunksLoaded();
        return;
    }
    const ArrayMeta& meta = details_->array->meta();
    std::uint64_t stored = 0, initialized = 0;
    std::vector<double> sizes;
    for (const auto& c : *chunks) {
        if (!c.present) continue;
        stored += c.stored_bytes;
        ++initialized;
        sizes.push_back(static_cast<double>(c.stored_bytes));
    }
    const auto ratio = compressionRatio(meta.nbytes(), stored);
    totals_->setText(tr("<b>No. bytes</b> %1 (%2) &nbsp;&nbsp; <b>Stored</b> %3 (%4) &nbsp;&nbsp; "
                        "<b>Ratio</b> %5 &nbsp;&nbsp; <b>Chunks initialized</b> %6/%7")
                         .arg(formatCount(meta.nbytes()), formatBytes(meta.nbytes()),
                              formatCount(stored), formatBytes(stored),
                              ratio ? formatRatio(*ratio) : QStringLiteral("—"))
                         .arg(initialized)
                         .arg(meta.grid.num_chunks()));
    *histogramData_ = Histogram::of(sizes, 30);
    histogram_->setPaintFunction([this](QPainter& p, const QRectF& r) {
        HistogramPainter(*histogramData_, tr("stored bytes per chunk"), [](double v) {
            return formatBytes(static_cast<std::uint64_t>(std::max(0.0, v)));
        }).paint(p, r);
    });
    // Zarr keys carry the array's path ("grid/cube/0.1.0"): show them relative to the array.
    const std::string prefix = details_->summary.path.empty() ? "" : details_->summary.path + "/";
    for (auto& c : *chunks)
        if (!prefix.empty() && c.key.compare(0, prefix.size(), prefix) == 0)
            c.key.erase(0, prefix.size());
    model_->setChunks(std::move(*chunks), meta.chunk_nbytes());
    table_->resizeColumnToContents(ChunkTableModel::ChunkColumn);
    rebuildMap();
    emit chunksLoaded();
}

void CompressionPanel::rebuildMap() {
    if (!details_ || !details_->isArray() || model_->chunks().empty()) return;
    const ArrayMeta& meta = details_->array->meta();
    const auto metric =
        metric_->currentIndex() == 1 ? ChunkMetric::Ratio : ChunkMetric::StoredBytes;
    ChunkMapPainter::Options options;
    options.logScale = log_->isChecked();
    options.rowTitle = axes_->rowAxis() >= 0 ? axes_->axisName(axes_->rowAxis()) : QString();
    options.colTitle = axes_->columnAxis() >= 0 ? axes_->axisName(axes_->columnAxis()) : QString();
    if (shardLayout_ && show_->currentIndex() == 1) {
        map_->setMap(buildShardMap(meta, *shardLayout_, shards_, metric, axes_->rowAxis(),
                                   axes_->columnAxis(), axes_->indices()),
                     options);
        return;
    }
    ChunkMapData map = buildChunkMap(meta, model_->chunks(), metric, axes_->rowAxis(),
                                     axes_->columnAxis(), axes_->indices());
    if (shardLayout_) addShardOverlay(map, *shardLayout_, axes_->indices());
    map_->setMap(std::move(map), options);
}

QString CompressionPanel::summaryText() const {
    QString t = totals_->text();
    t.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    t.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    return t.simplified();
}

}  // namespace cs::ui
