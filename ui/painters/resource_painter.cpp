#include "ui/painters/resource_painter.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

#include "ui/painters/gantt_painter.h"
#include "ui/painters/run_style.h"
#include "ui/painters/time_axis_painter.h"

namespace cs::ui {

namespace {

struct Series {
    QString name;
    QColor color;
    std::vector<QPointF> points;  // (t_ns, value)
    bool filled = false;
    double width = 1.5;
};

// The axis' step: 1, 2 or 5 x 10^k, at most five steps up to `v` (the live Qt Charts view's rule,
// so the report and the comparison read the same ticks).
double niceStep(double v) {
    if (!(v > 0) || !std::isfinite(v)) v = 1;
    const double e = std::pow(10.0, std::floor(std::log10(v / 5)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (std::ceil(v / (m * e) - 1e-9) <= 5) return m * e;
    return 10 * e;
}

double niceCeiling(double v) {
    const double step = niceStep(v);
    return std::max(1.0, std::ceil(v / step - 1e-9)) * step;
}

std::vector<Series> buildSeries(const trace::Snapshot& run, ResourceChart chart,
                                const ResourceOptions& o, std::int64_t t0, std::int64_t t1,
                                double* yMax, QString* unit) {
    std::vector<Series> out;
    const auto& s = run.samples;
    // One sample either side of the visible range so lines reach the edges.
    auto first = std::partition_point(s.begin(), s.end(),
                                      [&](const trace::ResourceSample& r) { return r.t_ns < t0; });
    auto last = std::partition_point(first, s.end(),
                                     [&](const trace::ResourceSample& r) { return r.t_ns <= t1; });
    std::size_t i0 = first.index() > 0 ? first.index() - 1 : 0;
    std::size_t i1 = std::min(s.size(), last.index() + 1);
    if (chart == ResourceChart::Cpu) {
        std::uint32_t cores = o.cores;
        if (cores == 0 && !s.empty())
            cores = static_cast<std::uint32_t>(s.back().core_busy_pct.size());
        if (cores == 0) cores = std::max(1u, std::thread::hardware_concurrency());
        // Ends at a full machine, like the live chart: a sample above it (a short last interval
        // counted in whole 10 ms ticks) is clipped rather than rescaling the axis to odd values.
        *yMax = 100.0 * cores;
        *unit = QStringLiteral("% of one core");
        Series total{
            QStringLiteral("process CPU (user+system)"), QColor(0x1f, 0x77, 0xb4), {}, true, 1.5};
        Series sys{QStringLiteral("system"), QColor(0xd6, 0x27, 0x28), {}, false, 1.2};
        std::vector<Series> perCore;
        for (std::size_t i = i0; i < i1; ++i) {
            const auto& r = s[i];
            const double t = static_cast<double>(r.t_ns);
            total.points.push_back({t, r.cpu_user_pct + r.cpu_system_pct});
            sys.points.push_back({t, r.cpu_system_pct});
            if (o.perCore) {
                if (perCore.size() < r.core_busy_pct.size()) perCore.resize(r.core_busy_pct.size());
                for (std::size_t c = 0; c < r.core_busy_pct.size(); ++c)
                    perCore[c].points.push_back({t, r.core_busy_pct[c]});
            }
        }
        out.push_back(std::move(total));
        out.push_back(std::move(sys));
        for (std::size_t c = 0; c < perCore.size(); ++c) {
            perCore[c].name = c == 0 ? QStringLiteral("each core (system-wide)") : QString();
            perCore[c].color = QColor(0x60, 0x60, 0x60, 140);
            perCore[c].width = 0.8;
            out.push_back(std::move(perCore[c]));
        }
    } else if (chart == ResourceChart::Memory) {
        Series rss{QStringLiteral("resident memory"), QColor(0x2c, 0xa0, 0x2c), {}, true, 1.5};
        double top = 0;
        for (std::size_t i = i0; i < i1; ++i) {
            const double mb = static_cast<double>(s[i].rss_bytes) / 1e6;
            rss.points.push_back({static_cast<double>(s[i].t_ns), mb});
            top = std::max(top, mb);
        }
        *yMax = niceCeiling(top * 1.05);
        *unit = QStringLiteral("MB");
        out.push_back(std::move(rss));
    } else {
        Series rd{QStringLiteral("read"), QColor(0x1f, 0x77, 0xb4), {}, false, 1.5};
        Series wr{QStringLiteral("write"), QColor(0x8c, 0x56, 0x4b), {}, false, 1.5};
        double top = 0;
        for (std::size_t i = std::max<std::size_t>(i0, 1); i < i1; ++i) {
            const auto& a = s[i - 1];
            const auto& b = s[i];
            const double dt = static_cast<double>(b.t_ns - a.t_ns) / 1e9;
            if (dt <= 0) continue;
            const double r =
                static_cast<double>(b.read_bytes - std::min(a.read_bytes, b.read_bytes)) / 1e6 / dt;
            const double w =
                static_cast<double>(b.write_bytes - std::min(a.write_bytes, b.write_bytes)) / 1e6 /
                dt;
            rd.points.push_back({static_cast<double>(b.t_ns), r});
            wr.points.push_back({static_cast<double>(b.t_ns), w});
            top = std::max({top, r, w});
        }
        *yMax = niceCeiling(top * 1.05);
        *unit = QStringLiteral("MB/s");
        out.push_back(std::move(rd));
        out.push_back(std::move(wr));
    }
    return out;
}

}  // namespace

QString ResourcePainter::chartName(ResourceChart chart) {
    switch (chart) {
        case ResourceChart::Cpu:
            return QStringLiteral("CPU");
        case ResourceChart::Memory:
            return QStringLiteral("Memory (RSS)");
        case ResourceChart::Disk:
            return QStringLiteral("Disk I/O");
    }
    return {};
}

QRectF ResourcePainter::plotRect(const QRectF& area) {
    return QRectF(QPointF(area.left() + GanttGeometry::kLabelWidth, area.top() + 18),
                  QPointF(area.right() - 4, area.bottom() - kAxisHeight));
}

void ResourcePainter::paint(QPainter& p, const QRectF& area, const trace::Snapshot& run,
                            TimeMapping m, ResourceChart chart, const ResourceOptions& options) {
    const QRectF plot = plotRect(area);
    m.placeOn(plot.left(), plot.width());
    double yMax = 1;
    QString unit;
    const auto series = buildSeries(run, chart, options, m.t0, m.t1, &yMax, &unit);
    if (yMax <= 0) yMax = 1;
    const auto yOf = [&](double v) { return plot.bottom() - v / yMax * plot.height(); };

    p.save();
    p.fillRect(area, Qt::white);
    p.setRenderHint(QPainter::Antialiasing, true);
    const QFontMetricsF fm(p.font());
    // Title and legend on the line above the plot.
    p.setPen(Qt::black);
    const QFont normal = p.font();
    QFont bold = normal;
    bold.setBold(true);
    p.setFont(bold);
    QString title = chartName(chart) + QStringLiteral(" (") + unit + QStringLiteral(")");
    if (!options.title.isEmpty()) title = options.title + QStringLiteral(" — ") + title;
    p.drawText(QPointF(plot.left(), area.top() + fm.ascent() + 1), title);
    double lx = plot.left() + QFontMetricsF(bold).horizontalAdvance(title) + 16;
    p.setFont(normal);
    for (const auto& s : series) {
        if (s.name.isEmpty()) continue;
        p.fillRect(QRectF(lx, area.top() + 4, 10, 10), s.color);
        p.setPen(QColor(0x33, 0x33, 0x33));
        p.drawText(QPointF(lx + 14, area.top() + fm.ascent() + 1), s.name);
        lx += 14 + fm.horizontalAdvance(s.name) + 14;
    }

    // Y axis: grid lines at multiples of a nice step (0, 50, 100, ... or 0, 5, 10, ...).
    p.setPen(QColor(0x44, 0x44, 0x44));
    const double step = niceStep(yMax);
    const int steps = static_cast<int>(std::floor(yMax / step + 1e-9));
    for (int k = 0; k <= steps; ++k) {
        const double v = step * k;
        const double y = yOf(v);
        p.setPen(QPen(QColor(0, 0, 0, k == 0 ? 120 : 28), 0));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(QColor(0x44, 0x44, 0x44));
        const QString label =
            v >= 100 || v == 0 ? QString::number(v, 'f', 0) : QString::number(v, 'g', 3);
        p.drawText(QRectF(area.left(), y - 8, GanttGeometry::kLabelWidth - 6, 16),
                   Qt::AlignRight | Qt::AlignVCenter, label);
    }
    paintTimeGrid(p, plot, m);
    paintTimeAxis(
        p, QRectF(plot.left(), plot.bottom(), plot.width(), kAxisHeight + 2).translated(0, -2), m);

    p.setClipRect(plot);
    for (const auto& s : series) {
        if (s.points.empty()) continue;
        QPainterPath path;
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            const QPointF q(m.toX(static_cast<std::int64_t>(s.points[i].x())),
                            yOf(s.points[i].y()));
            if (i == 0)
                path.moveTo(q);
            else
                path.lineTo(q);
        }
        if (s.filled) {
            QPainterPath area2 = path;
            area2.lineTo(m.toX(static_cast<std::int64_t>(s.points.back().x())), plot.bottom());
            area2.lineTo(m.toX(static_cast<std::int64_t>(s.points.front().x())), plot.bottom());
            area2.closeSubpath();
            QColor fill = s.color;
            fill.setAlpha(60);
            p.fillPath(area2, fill);
        }
        p.strokePath(path, QPen(s.color, s.width));
    }
    p.restore();
}

}  // namespace cs::ui
