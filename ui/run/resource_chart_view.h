// The live resource timelines on screen, with Qt Charts: process CPU in % of one core (the axis
// ends at 100 x cores, so a full machine reads as full; per-core busy lines as an option),
// resident memory in MB and disk read/write in MB/s, stacked, over a time axis in seconds that
// follows the Gantt below (same visible range, plot areas starting at the Gantt's label width).
// Each setRun() adds only the samples not seen yet (one replace() per series); a new run resets the
// series. While a run goes the time axis ends at the run's time rounded up in steps
// (followedEnd), so most refreshes leave the axes alone. Value axes end
// at a "nice" number (1, 2 or 5 x 10^k steps) so their ticks read 0, 5, 10, ...; the legend
// sits in its own strip above the plot area. The report's SVGs keep using ResourcePainter, which
// needs no widgets.
#pragma once

#include <QList>
#include <QPointF>
#include <QWidget>

#include <cstdint>
#include <vector>

#include "core/trace/snapshot.h"

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace cs::ui {

// An axis from 0 to `max` (>= value) in at most `maxIntervals` steps of 1, 2 or 5 x 10^k.
struct NiceScale {
    double max = 1;
    double step = 0.2;
};
NiceScale niceScale(double value, int maxIntervals = 5);

// `points` (sorted by x) as a line over [t0, t1] in `buckets` columns needs: all of them when
// there are at most about two per column, else each column's lowest and highest point (and one
// point either side of the range). A sample's spike survives; the work per tick stays bounded
// by pixels, not by the run's length.
QList<QPointF> decimateSeries(const QList<QPointF>& points, double t0, double t1, int buckets);

class ResourceChartView : public QWidget {
    Q_OBJECT
public:
    explicit ResourceChartView(QWidget* parent = nullptr);
    void setRun(const trace::Snapshot& run);
    void setVisibleRange(std::int64_t t0, std::int64_t t1);
    void setPerCore(bool on);
    // While a run goes the lines are drawn without antialiasing: a quarter of each live
    // refresh's GUI time, which a run using every core pays for. A finished run is smooth again.
    // setLive(true) also empties the series and shows the first followed range, as a run is
    // about to start.
    void setLive(bool live);
    bool perCore() const { return perCore_; }
    QSize sizeHint() const override { return QSize(900, 3 * 130); }
    QSize minimumSizeHint() const override { return QSize(300, 3 * 80); }

    // For tests and exports.
    QChartView* cpuView() const { return views_[0]; }
    QChartView* memoryView() const { return views_[1]; }
    QChartView* diskView() const { return views_[2]; }
    QLineSeries* cpuSeries() const { return cpu_; }
    QLineSeries* rssSeries() const { return rss_; }
    QLineSeries* readSeries() const { return read_; }
    QLineSeries* writeSeries() const { return write_; }
    const std::vector<QLineSeries*>& coreSeries() const { return cores_; }
    QValueAxis* cpuAxis() const { return cpuAxis_; }
    QValueAxis* memoryAxis() const { return memoryAxis_; }
    QValueAxis* diskAxis() const { return diskAxis_; }
    QValueAxis* timeAxis(int chart) const { return timeAxes_[chart]; }
    std::size_t appendedSamples() const { return appended_; }

private:
    void reset(const trace::Snapshot& run);
    void append(const trace::Snapshot& run);
    void applyValueScales();  // memory and disk axes to nice numbers over their maxima
    void feedSeries();        // the lists, decimated to the visible range, into the series
    void applyTimeRange();
    QLineSeries* addCoreSeries(int core);

    QChartView* views_[3];
    QValueAxis* timeAxes_[3];
    QLineSeries* cpu_;
    QLineSeries* rss_;
    QLineSeries* read_;
    QLineSeries* write_;
    std::vector<QLineSeries*> cores_;
    // Every point of each series: a tick appends to these and replaces the series' points.
    QList<QPointF> cpuPoints_, rssPoints_, readPoints_, writePoints_;
    std::vector<QList<QPointF>> corePoints_;
    QValueAxis* cpuAxis_;
    QValueAxis* memoryAxis_;
    QValueAxis* diskAxis_;

    // Which run the series hold: a snapshot of another run (or an older one) resets them.
    const void* runKey_ = nullptr;
    std::int64_t runStart_ = 0;
    std::size_t appended_ = 0;
    bool decimated_ = false;  // the series hold fewer points than the lists
    double maxRss_ = 1;
    double maxRate_ = 1;
    std::int64_t t0_ = 0;
    // Before any run the axes show a second, as a run's first range does (1 µs showed ticks
    // labelled 2e-07 s on the empty charts).
    std::int64_t t1_ = 1'000'000'000;
    std::int64_t now_ = 0;
    bool follow_ = true;
    bool perCore_ = false;
};

}  // namespace cs::ui
