// Data tab: a 2-D slice of the selected array — pick the row and column axes, set the other
// indices — as a table (reads only the chunks on screen), a heatmap (colormap, linear/log, colour
// bar) or, for 1-D arrays, a line plot; min / max / mean / NaN count of the slice; export as
// CSV, .npy or PNG.
#pragma once

#include <QWidget>

#include <memory>

#include "ui/data/slice_sample.h"
#include "ui/jobs/background_jobs.h"
#include "ui/painters/heatmap_painter.h"
#include "ui/window/node_details.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QTableView;
class QTabWidget;
class QChartView;

namespace cs::ui {

class AxisPicker;
class MessageBar;
class PainterWidget;
class SliceTableModel;

class DataPanel : public QWidget {
    Q_OBJECT
public:
    DataPanel(BackgroundJobs* jobs, QWidget* parent = nullptr);
    ~DataPanel() override;

    void showNode(NodeDetailsPtr details);

    SliceTableModel* tableModel() const { return model_; }
    AxisPicker* axisPicker() const { return axes_; }
    MessageBar* messageBar() const { return message_; }
    QTabWidget* viewTabs() const { return tabs_; }
    const SliceSample& sample() const { return *sample_; }
    QString statsText() const;

    // Export the current slice; errors show in the message bar. Run on the GUI thread; the
    // reading happens on the background pool and exportFinished() reports the outcome.
    void exportCsv(const QString& path);
    void exportNpy(const QString& path);
    void exportPng(const QString& path);

signals:
    void sampleLoaded();
    void exportFinished(bool ok, const QString& message);

private:
    void sliceChanged();
    void startSample();
    void setSample(SliceSample sample);
    void updatePlot();
    HeatmapPainter::Options heatmapOptions() const;
    template <class Work>
    void runExport(const QString& path, Work work);

    BackgroundJobs* jobs_;
    JobSlot sampleSlot_;
    NodeDetailsPtr details_;
    AxisPicker* axes_;
    QComboBox* colormap_;
    QCheckBox* log_;
    QLabel* stats_;
    MessageBar* message_;
    QTabWidget* tabs_;
    SliceTableModel* model_;
    QTableView* table_;
    PainterWidget* heatmap_;
    QChartView* plot_;
    std::unique_ptr<SliceSample> sample_;
};

}  // namespace cs::ui
