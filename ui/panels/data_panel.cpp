#include "ui/panels/data_panel.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

#include "ui/data/slice_export.h"
#include "ui/models/slice_table_model.h"
#include "ui/widgets/axis_picker.h"
#include "ui/widgets/message_bar.h"
#include "ui/widgets/painter_widget.h"
#include "ui/window/icons.h"

namespace cs::ui {

namespace {
constexpr int kHeatmapSamples = 600;  // at most this many rows / columns drawn
constexpr int kPlotSamples = 4000;
}  // namespace

DataPanel::DataPanel(BackgroundJobs* jobs, QWidget* parent)
    : QWidget(parent),
      jobs_(jobs),
      axes_(new AxisPicker(this)),
      colormap_(new QComboBox(this)),
      log_(new QCheckBox(tr("Log scale"), this)),
      stats_(new QLabel(this)),
      message_(new MessageBar(this)),
      tabs_(new QTabWidget(this)),
      model_(new SliceTableModel(jobs, this)),
      table_(new QTableView(this)),
      heatmap_(new PainterWidget(this)),
      plot_(new QChartView(this)),
      sample_(std::make_unique<SliceSample>()) {
    colormap_->setObjectName(QStringLiteral("colormap"));
    colormap_->addItems(colormapNames());
    stats_->setObjectName(QStringLiteral("sliceStats"));
    stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setIcon(appIcon("export"));
    exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("Slice as CSV…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export Slice as CSV"), {}, tr("CSV (*.csv)"));
        if (!path.isEmpty()) exportCsv(path);
    });
    exportMenu->addAction(tr("Slice as NumPy .npy…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export Slice as .npy"), {}, tr("NumPy (*.npy)"));
        if (!path.isEmpty()) exportNpy(path);
    });
    exportMenu->addAction(tr("Heatmap as PNG…"), this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export Heatmap as PNG"), {}, tr("PNG (*.png)"));
        if (!path.isEmpty()) exportPng(path);
    });
    exportButton->setMenu(exportMenu);

    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(new QLabel(tr("Colormap:"), this));
    controls->addWidget(colormap_);
    controls->addWidget(log_);
    controls->addStretch(1);
    controls->addWidget(exportButton);

    table_->setObjectName(QStringLiteral("sliceTable"));
    table_->setModel(model_);
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->horizontalHeader()->setDefaultSectionSize(96);
    // Fixed section sizes: the headers never measure a billion rows.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    heatmap_->setObjectName(QStringLiteral("heatmap"));
    plot_->setRenderHint(QPainter::Antialiasing);
    plot_->chart()->legend()->hide();
    tabs_->setObjectName(QStringLiteral("dataViews"));
    tabs_->addTab(table_, tr("Table"));
    tabs_->addTab(heatmap_, tr("Heatmap"));
    tabs_->addTab(plot_, tr("Plot"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(axes_);
    layout->addLayout(controls);
    layout->addWidget(stats_);
    layout->addWidget(message_);
    layout->addWidget(tabs_, 1);

    heatmap_->setPaintFunction([this](QPainter& p, const QRectF& r) {
        if (!details_ || !details_->isArray()) {
            p.drawText(r, Qt::AlignCenter, tr("Select an array to see its data."));
            return;
        }
        HeatmapPainter(*sample_, heatmapOptions()).paint(p, r);
    });
    connect(axes_, &AxisPicker::changed, this, [this] { sliceChanged(); });
    connect(colormap_, &QComboBox::currentIndexChanged, heatmap_, qOverload<>(&QWidget::update));
    connect(log_, &QCheckBox::toggled, heatmap_, qOverload<>(&QWidget::update));
    connect(model_, &SliceTableModel::chunkFailed, this,
            [this](const QString& m) { message_->showMessage(m); });
    setTabOrder(axes_, colormap_);
    setTabOrder(colormap_, log_);
    setTabOrder(log_, exportButton);
    setTabOrder(exportButton, tabs_);
}

DataPanel::~DataPanel() {
    sampleSlot_.cancel();
}

HeatmapPainter::Options DataPanel::heatmapOptions() const {
    HeatmapPainter::Options o;
    o.colormap = static_cast<Colormap>(colormap_->currentIndex());
    o.logScale = log_->isChecked();
    o.rowTitle = axes_->rowAxis() >= 0 ? axes_->axisName(axes_->rowAxis()) : tr("row");
    o.colTitle = axes_->columnAxis() >= 0 ? axes_->axisName(axes_->columnAxis()) : tr("column");
    return o;
}

void DataPanel::showNode(NodeDetailsPtr details) {
    details_ = details;
    message_->clearMessage();
    *sample_ = {};
    if (!details || !details->isArray()) {
        sampleSlot_.cancel();
        model_->setArray(nullptr, {});
        axes_->setAxes({}, {});
        stats_->setText(tr("<i>Select an array to see its data.</i>"));
        updatePlot();
        heatmap_->update();
        return;
    }
    const ArrayMeta& meta = details->array->meta();
    axes_->setAxes(meta.shape(), meta.dimension_names);
    SliceSpec spec = SliceSpec::defaultFor(meta.shape());
    spec.rowAxis = meta.shape().size() >= 2 ? axes_->rowAxis() : spec.rowAxis;
    spec.colAxis = meta.shape().size() >= 2 ? axes_->columnAxis() : spec.colAxis;
    model_->setArray(details->array, spec);
    tabs_->setTabEnabled(2, meta.shape().size() == 1);
    startSample();
}

void DataPanel::sliceChanged() {
    if (!details_ || !details_->isArray()) return;
    const Shape& shape = details_->array->meta().shape();
    SliceSpec spec = SliceSpec::defaultFor(shape);
    if (shape.size() >= 2) {
        spec.rowAxis = axes_->rowAxis();
        spec.colAxis = axes_->columnAxis();
        spec.indices = axes_->indices();
    }
    model_->setSlice(spec);
    startSample();
}

void DataPanel::startSample() {
    const JobTicket ticket = sampleSlot_.next();
    auto array = details_->array;
    const SliceSpec spec = model_->slice();
    const bool oneD = array->meta().shape().size() == 1;
    const int limit = oneD ? kPlotSamples : kHeatmapSamples;
    stats_->setText(tr("<i>Reading the slice…</i>"));
    jobs_->run(
        this,
        [array, spec, limit, ticket] {
            return readSliceSample(*array, spec, limit, limit, ticket);
        },
        [this, ticket](SliceSample sample) {
            if (!sampleSlot_.isCurrent(ticket)) return;
            setSample(std::move(sample));
        });
}

void DataPanel::setSample(SliceSample sample) {
    *sample_ = std::move(sample);
    if (sample_->error) {
        message_->showMessage(QString::fromStdString(sample_->error->describe()));
        stats_->setText(tr("<i>No statistics: the slice could not be read.</i>"));
    } else if (!sample_->numeric) {
        stats_->setText(tr("%1 × %2 slice; no statistics for this dtype")
                            .arg(sample_->rows)
                            .arg(sample_->cols));
    } else {
        const SliceStats& s = sample_->stats;
        stats_->setText(
            tr("<b>min</b> %1 &nbsp; <b>max</b> %2 &nbsp; <b>mean</b> %3 &nbsp; <b>NaN</b> %4 "
               "&nbsp; <span style='color:#666'>(%5 values%6)</span>")
                .arg(QString::number(s.min, 'g', 7), QString::number(s.max, 'g', 7),
                     QString::number(s.mean, 'g', 7))
                .arg(s.nanCount)
                .arg(s.count)
                .arg(sample_->sampled() ? tr(", sampled") : QString()));
    }
    heatmap_->update();
    updatePlot();
    emit sampleLoaded();
}

void DataPanel::updatePlot() {
    QChart* chart = plot_->chart();
    chart->removeAllSeries();
    for (auto* axis : chart->axes()) chart->removeAxis(axis);
    if (!details_ || !details_->isArray() || details_->array->meta().shape().size() != 1 ||
        sample_->values.empty() || !sample_->numeric)
        return;
    auto* series = new QLineSeries(chart);
    for (int i = 0; i < sample_->sampleRows; ++i) {
        const double v = sample_->at(i, 0);
        if (std::isfinite(v)) series->append(static_cast<double>(i) * sample_->rowStep, v);
    }
    series->setColor(QColor(0x31, 0x68, 0x8e));
    chart->addSeries(series);
    auto* x = new QValueAxis(chart);
    x->setTitleText(axes_->columnAxis() >= 0 ? axes_->axisName(0) : tr("index"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    auto* y = new QValueAxis(chart);
    y->setTitleText(QString::fromStdString(details_->summary.name));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    x->setRange(0, std::max<double>(1, static_cast<double>(sample_->rows - 1)));
    if (sample_->stats.max > sample_->stats.min)
        y->setRange(sample_->stats.min, sample_->stats.max);
}

QString DataPanel::statsText() const {
    QString t = stats_->text();
    t.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    t.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    return t.simplified();
}

template <class Work>
void DataPanel::runExport(const QString& path, Work work) {
    if (!details_ || !details_->isArray()) {
        message_->showMessage(tr("Select an array before exporting."));
        emit exportFinished(false, tr("no array selected"));
        return;
    }
    auto array = details_->array;
    const SliceSpec spec = model_->slice();
    const std::string file = path.toStdString();
    jobs_->run(
        this, [array, spec, file, work] { return work(*array, spec, file); },
        [this, path](Result<void> result) {
            if (!result) {
                const QString m = QString::fromStdString(result.error().describe());
                message_->showMessage(tr("Export failed: %1").arg(m));
                emit exportFinished(false, m);
                return;
            }
            message_->showMessage(tr("Exported the slice to %1").arg(path), MessageBar::Kind::Info);
            emit exportFinished(true, path);
        });
}

void DataPanel::exportCsv(const QString& path) {
    runExport(path, &exportSliceCsv);
}
void DataPanel::exportNpy(const QString& path) {
    runExport(path, &exportSliceNpy);
}

void DataPanel::exportPng(const QString& path) {
    auto result = exportHeatmapPng(*sample_, heatmapOptions(), path.toStdString());
    if (!result) {
        message_->showMessage(
            tr("Export failed: %1").arg(QString::fromStdString(result.error().describe())));
        emit exportFinished(false, QString::fromStdString(result.error().describe()));
        return;
    }
    message_->showMessage(tr("Exported the heatmap to %1").arg(path), MessageBar::Kind::Info);
    emit exportFinished(true, path);
}

}  // namespace cs::ui
