#include "ui/run/resource_chart_view.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <thread>

#include "ui/painters/gantt_painter.h"
#include "ui/painters/time_mapping.h"

namespace cs::ui {

NiceScale niceScale(double value, int maxIntervals) {
    maxIntervals = std::max(1, maxIntervals);
    if (!(value > 0) || !std::isfinite(value)) value = 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value / maxIntervals)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        const double step = m * magnitude;
        // A hair of tolerance so 25.000000001 (float noise) still fits in 0..25.
        const double intervals = std::ceil(value / step - 1e-9);
        if (intervals <= maxIntervals) return {std::max(1.0, intervals) * step, step};
    }
    return {value, value / maxIntervals};  // not reached: 10 x magnitude always fits
}

QList<QPointF> decimateSeries(const QList<QPointF>& points, double t0, double t1, int buckets) {
    buckets = std::max(1, buckets);
    const qsizetype limit = 2 * static_cast<qsizetype>(buckets) + 4;
    if (points.size() <= limit || !(t1 > t0)) return points;  // shares the data, no copy
    const auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    auto from = std::lower_bound(points.begin(), points.end(), t0, byX);
    auto to = std::lower_bound(from, points.end(), t1, byX);
    // One point either side of the range, so the line runs to the plot's edges.
    const qsizetype first = std::max<qsizetype>(0, (from - points.begin()) - 1);
    const qsizetype last = std::min(points.size(), (to - points.begin()) + 1);
    if (last - first <= limit) return points.mid(first, last - first);
    QList<QPointF> out;
    out.reserve(limit);
    const double width = (t1 - t0) / buckets;
    const auto bucketOf = [&](double x) -> qsizetype {
        if (x < t0) return -1;
        return std::min<qsizetype>(buckets, static_cast<qsizetype>((x - t0) / width));
    };
    // Per bucket (a pixel column or so) its lowest and highest point, in time order: a spike of
    // one sample still shows.
    qsizetype bucket = bucketOf(points[first].x());
    QPointF low = points[first], high = points[first];
    const auto flush = [&] {
        if (low == high) {
            out.append(low);
        } else if (low.x() < high.x()) {
            out.append(low);
            out.append(high);
        } else {
            out.append(high);
            out.append(low);
        }
    };
    for (qsizetype i = first + 1; i < last; ++i) {
        const QPointF& p = points[i];
        const qsizetype b = bucketOf(p.x());
        if (b != bucket) {
            flush();
            bucket = b;
            low = high = p;
            continue;
        }
        if (p.y() < low.y()) low = p;
        if (p.y() > high.y()) high = p;
    }
    flush();
    if (out.back() != points[last - 1]) out.append(points[last - 1]);  // the line's true end
    return out;
}

namespace {

// Keeps the plot area where the Gantt's lanes are: left edge at its label width, right edge 4 px
// from the border, so one instant sits at the same x in every chart and in the Gantt. The legend
// is detached from the chart's layout and given a strip of its own above the plot area, right of
// the value axis' labels, so it covers neither. Only geometry of items inside the scene changes
// here (never the view's size), so this cannot feed back into another resize.
class AlignedChartView : public QChartView {
public:
    static constexpr double kLegendHeight = 20;
    static constexpr double kGap = 6;      // between the legend and the plot: the top label's room
    static constexpr double kBottom = 22;  // the time labels
    static constexpr double kRight = 4;

    explicit AlignedChartView(QChart* chart) : QChartView(chart) {
        setRenderHint(QPainter::Antialiasing);
        setMinimumHeight(80);
        setBackgroundBrush(Qt::white);
        QLegend* legend = chart->legend();
        legend->detachFromChart();
        legend->setBackgroundVisible(false);
        legend->setContentsMargins(0, 0, 0, 0);
        legend->setAlignment(Qt::AlignTop);  // detached: markers in a row from the left
    }

protected:
    void resizeEvent(QResizeEvent* event) override {
        QChartView::resizeEvent(event);
        const double left = GanttGeometry::kLabelWidth;
        const double w = std::max(10.0, width() - left - kRight);
        QLegend* legend = chart()->legend();
        legend->setGeometry(QRectF(left, 2, w, kLegendHeight));
        // The legend may not shrink below its minimum height: the plot starts under what it took.
        const double top = legend->geometry().bottom() + kGap;
        chart()->setPlotArea(QRectF(left, top, w, std::max(10.0, height() - top - kBottom)));
    }
};

QValueAxis* makeAxis(const QString& title, double max) {
    auto* axis = new QValueAxis;
    QFont f = axis->labelsFont();
    f.setPointSizeF(std::max(6.0, f.pointSizeF() - 1));
    axis->setLabelsFont(f);
    axis->setTitleFont(f);
    if (!title.isEmpty()) axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%.4g"));
    const NiceScale scale = niceScale(max);
    axis->setRange(0, scale.max);
    axis->setTickInterval(scale.step);
    axis->setTickAnchor(0);
    axis->setTickType(QValueAxis::TicksDynamic);
    return axis;
}

// min .. max with ticks at multiples of `step`. Qt Charts lays out the tick items as soon as the
// range or the interval changes, so the order matters: a wide range with the old, small interval
// would create (max - min) / interval items at once, which froze the window for minutes. Widening
// changes the interval first, narrowing the range first. Unchanged values are not set again, so
// live appends that do not cross a step do not relayout the chart.
void applyScale(QValueAxis* axis, double min, double max, double step) {
    const auto setRange = [&] {
        if (axis->min() != min || axis->max() != max) axis->setRange(min, max);
    };
    if (step > axis->tickInterval()) {
        axis->setTickInterval(step);
        setRange();
    } else {
        setRange();
        if (step != axis->tickInterval()) axis->setTickInterval(step);
    }
}

QLineSeries* makeLine(const QString& name, QColor color, qreal width = 1.5) {
    auto* s = new QLineSeries;
    s->setName(name);
    QPen pen(color);
    pen.setWidthF(width);
    s->setPen(pen);
    return s;
}

// A chart with the time axis at the bottom and `value` on the left.
QChart* makeChart(QValueAxis* time, QValueAxis* value) {
    auto* chart = new QChart;
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->setBackgroundRoundness(0);
    // With a fixed plot area the chart's own background covers only part of the view (a white
    // box behind the top axis labels): the view paints the background instead.
    chart->setBackgroundVisible(false);
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(value, Qt::AlignLeft);
    return chart;
}

void attach(QChart* chart, QAbstractSeries* series, QValueAxis* time, QValueAxis* value) {
    chart->addSeries(series);
    series->attachAxis(time);
    series->attachAxis(value);
}

}  // namespace

ResourceChartView::ResourceChartView(QWidget* parent)
    : QWidget(parent),
      cpu_(makeLine(tr("process CPU"), QColor(0x1565c0))),
      rss_(makeLine(tr("RSS"), QColor(0x6a1b9a))),
      read_(makeLine(tr("read"), QColor(0x2e7d32))),
      write_(makeLine(tr("write"), QColor(0xc62828))),
      cpuAxis_(makeAxis(tr("CPU %"), 100)),
      memoryAxis_(makeAxis(tr("RSS MB"), 1)),
      diskAxis_(makeAxis(tr("disk MB/s"), 1)) {
    for (auto*& axis : timeAxes_) {
        axis = makeAxis(QString(), 1);
        axis->setLabelFormat(QStringLiteral("%.3g s"));
    }
    QChart* cpu = makeChart(timeAxes_[0], cpuAxis_);
    // The process total as a filled area: its upper line is cpu_, its lower edge the axis.
    auto* area = new QAreaSeries(cpu_);
    cpu_->setParent(this);  // the area series uses it but does not own it (it leaked per view)
    area->setName(cpu_->name());
    area->setPen(cpu_->pen());
    area->setBrush(QColor(21, 101, 192, 60));
    attach(cpu, area, timeAxes_[0], cpuAxis_);
    QChart* memory = makeChart(timeAxes_[1], memoryAxis_);
    attach(memory, rss_, timeAxes_[1], memoryAxis_);
    QChart* disk = makeChart(timeAxes_[2], diskAxis_);
    attach(disk, read_, timeAxes_[2], diskAxis_);
    attach(disk, write_, timeAxes_[2], diskAxis_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    QChart* charts[] = {cpu, memory, disk};
    for (int i = 0; i < 3; ++i) {
        views_[i] = new AlignedChartView(charts[i]);
        layout->addWidget(views_[i]);
    }
    applyTimeRange();
}

QLineSeries* ResourceChartView::addCoreSeries(int core) {
    auto* s = makeLine(tr("core %1").arg(core), QColor::fromHsv((core * 47) % 360, 120, 200), 0.8);
    s->setVisible(perCore_);
    QChart* chart = views_[0]->chart();
    attach(chart, s, timeAxes_[0], cpuAxis_);
    // One legend entry per core would crowd the legend: the lines speak for themselves.
    for (auto* marker : chart->legend()->markers(s)) marker->setVisible(false);
    cores_.push_back(s);
    return s;
}

void ResourceChartView::reset(const trace::Snapshot& run) {
    for (auto* s : {cpu_, rss_, read_, write_}) s->clear();
    for (auto* s : cores_) s->clear();
    for (auto* points : {&cpuPoints_, &rssPoints_, &readPoints_, &writePoints_}) points->clear();
    for (auto& points : corePoints_) points.clear();
    appended_ = 0;
    maxRss_ = 1;
    maxRate_ = 1;
    runKey_ = run.graph.get();
    runStart_ = run.start_unix_ns;
    std::uint32_t cores = 0;
    if (run.samples.size() > 0)
        cores = static_cast<std::uint32_t>(run.samples[0].core_busy_pct.size());
    if (cores == 0) cores = std::max(1u, std::thread::hardware_concurrency());
    // The CPU axis ends at exactly 100 x cores (a full machine reads as full), ticks at a nice
    // step.
    applyScale(cpuAxis_, 0, 100.0 * cores, niceScale(100.0 * cores).step);
    // The memory and disk axes follow the new run's maxima once its samples are in (setRun):
    // not back to 0..1 here and up again a moment later, two relayouts for nothing.
}

void ResourceChartView::applyValueScales() {
    // A little headroom so the highest point does not sit on the top grid line.
    const NiceScale memory = niceScale(maxRss_ * 1.05);
    applyScale(memoryAxis_, 0, memory.max, memory.step);
    const NiceScale disk = niceScale(maxRate_ * 1.05);
    applyScale(diskAxis_, 0, disk.max, disk.step);
}

void ResourceChartView::append(const trace::Snapshot& run) {
    const std::size_t n = run.samples.size();
    if (appended_ >= n) return;
    for (std::size_t i = appended_; i < n; ++i) {
        const auto& s = run.samples[i];
        const double t = static_cast<double>(s.t_ns) / 1e9;
        cpuPoints_.append({t, s.cpu_user_pct + s.cpu_system_pct});
        const double mb = static_cast<double>(s.rss_bytes) / 1e6;
        rssPoints_.append({t, mb});
        maxRss_ = std::max(maxRss_, mb);
        // Byte counters are cumulative: the rate is the difference to the previous sample.
        const std::int64_t prevT = i > 0 ? run.samples[i - 1].t_ns : 0;
        const std::uint64_t prevRead = i > 0 ? run.samples[i - 1].read_bytes : 0;
        const std::uint64_t prevWrite = i > 0 ? run.samples[i - 1].write_bytes : 0;
        const double dt = std::max<double>(1e-6, static_cast<double>(s.t_ns - prevT) / 1e9);
        const double r =
            static_cast<double>(s.read_bytes - std::min(s.read_bytes, prevRead)) / 1e6 / dt;
        const double w =
            static_cast<double>(s.write_bytes - std::min(s.write_bytes, prevWrite)) / 1e6 / dt;
        readPoints_.append({t, r});
        writePoints_.append({t, w});
        maxRate_ = std::max({maxRate_, r, w});
        while (corePoints_.size() < s.core_busy_pct.size()) {
            addCoreSeries(static_cast<int>(corePoints_.size()));
            corePoints_.emplace_back();
        }
        for (std::size_t c = 0; c < s.core_busy_pct.size(); ++c)
            corePoints_[c].append({t, static_cast<double>(s.core_busy_pct[c])});
    }
    appended_ = n;
}

void ResourceChartView::feedSeries() {
    // One replace() per series and tick: QXYSeries::append of a list adds its points one by
    // one, and Qt Charts recomputes a line's whole geometry (and its hover outline) for each,
    // while a replace does it once. That geometry costs in proportion to the points: a long run
    // gets at most two points per pixel column of the visible range (decimateSeries), else a
    // 10-minute run at 20 ms samples took 50 ms a tick. Short series share the lists' data.
    const double t0 = static_cast<double>(t0_) / 1e9;
    const double t1 = static_cast<double>(t1_) / 1e9;
    const int buckets = std::max(100, width());
    const auto feed = [&](QLineSeries* series, const QList<QPointF>& points) {
        series->replace(decimateSeries(points, t0, t1, buckets));
    };
    feed(cpu_, cpuPoints_);
    feed(rss_, rssPoints_);
    feed(read_, readPoints_);
    feed(write_, writePoints_);
    for (std::size_t c = 0; c < corePoints_.size(); ++c) feed(cores_[c], corePoints_[c]);
    decimated_ = cpuPoints_.size() > 2 * buckets + 4;
}

void ResourceChartView::setRun(const trace::Snapshot& run) {
    if (run.graph.get() != runKey_ || run.start_unix_ns != runStart_ ||
        run.samples.size() < appended_)
        reset(run);
    const std::size_t fed = appended_;
    const std::int64_t fedT0 = t0_, fedT1 = t1_;
    append(run);
    applyValueScales();
    now_ = run.now_ns;
    if (follow_) {
        // While the run goes, its end rounded up in steps (as the Gantt does): a changed range
        // relayouts every axis, the costliest part of a refresh.
        t0_ = 0;
        t1_ = run.status == trace::RunStatus::Running ? followedEnd(now_)
                                                      : std::max<std::int64_t>(now_, 1000);
    }
    applyTimeRange();
    if (appended_ > fed || appended_ == 0 || (decimated_ && (t0_ != fedT0 || t1_ != fedT1)))
        feedSeries();
}

void ResourceChartView::setVisibleRange(std::int64_t t0, std::int64_t t1) {
    follow_ = t0 == 0 && t1 >= now_;
    t0_ = t0;
    t1_ = std::max(t1, t0 + 1);
    applyTimeRange();
    if (decimated_) feedSeries();  // the detail of the new range
}

void ResourceChartView::applyTimeRange() {
    const double t0 = static_cast<double>(t0_) / 1e9;
    const double t1 = static_cast<double>(t1_) / 1e9;
    // Ticks at round times (multiples of a 1/2/5 x 10^k step), whatever the visible range.
    const double step = niceScale(t1 - t0, 6).step;
    for (auto* axis : timeAxes_) applyScale(axis, t0, t1, step);
}

void ResourceChartView::setLive(bool live) {
    for (auto* view : views_) view->setRenderHint(QPainter::Antialiasing, !live);
    if (!live) return;
    // A run is about to start: empty series and the first followed range now, before the engine
    // starts, rather than a relayout of every axis at its first snapshot.
    for (auto* s : {cpu_, rss_, read_, write_}) s->clear();
    for (auto* s : cores_) s->clear();
    for (auto* points : {&cpuPoints_, &rssPoints_, &readPoints_, &writePoints_}) points->clear();
    for (auto& points : corePoints_) points.clear();
    appended_ = 0;
    decimated_ = false;
    runKey_ = nullptr;
    now_ = 0;
    follow_ = true;
    t0_ = 0;
    t1_ = followedEnd(0);
    applyTimeRange();
}

void ResourceChartView::setPerCore(bool on) {
    perCore_ = on;
    for (auto* s : cores_) s->setVisible(on);
}

}  // namespace cs::ui
