#include "ui/painters/gantt_painter.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/painters/gantt_lod.h"
#include "ui/painters/run_style.h"
#include "ui/painters/time_axis_painter.h"

namespace cs::ui {

using trace::Phase;
using trace::TaskRecord;

QRectF GanttGeometry::plotRect() const {
    const double bottom = area.bottom() - (legend ? kLegendHeight : 0);
    return QRectF(QPointF(area.left() + kLabelWidth, area.top() + kAxisHeight),
                  QPointF(area.right() - 4, std::max(bottom, area.top() + kAxisHeight + 1)));
}

QRectF GanttGeometry::axisRect() const {
    const QRectF p = plotRect();
    return QRectF(p.left(), area.top(), p.width(), kAxisHeight);
}

QRectF GanttGeometry::laneRect(std::size_t lane) const {
    const QRectF p = plotRect();
    const double top = p.top() + kLaneGap + static_cast<double>(lane) * (kLaneHeight + kLaneGap);
    return QRectF(p.left(), top, p.width(), kLaneHeight);
}

int GanttGeometry::laneAt(double y) const {
    const QRectF p = plotRect();
    const double rel = y - p.top() - kLaneGap;
    if (rel < 0) return -1;
    const auto lane = static_cast<std::size_t>(rel / (kLaneHeight + kLaneGap));
    if (lane >= lanes) return -1;
    if (rel - static_cast<double>(lane) * (kLaneHeight + kLaneGap) > kLaneHeight) return -1;
    return static_cast<int>(lane);
}

double GanttGeometry::preferredHeight(std::size_t lanes, bool legend) {
    return kAxisHeight + kLaneGap + static_cast<double>(lanes) * (kLaneHeight + kLaneGap) +
           (legend ? kLegendHeight : 0) + 2;
}

TimeMapping GanttPainter::mappingFor(const QRectF& area, std::size_t lanes, std::int64_t t0,
                                     std::int64_t t1, bool legend) {
    GanttGeometry g{area, lanes, legend};
    const QRectF p = g.plotRect();
    return TimeMapping{t0, std::max(t1, t0 + 1), p.left(), std::max(1.0, p.width())};
}

namespace {

Phase dominantPhase(const TaskRecord& r) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < trace::kPhaseCount; ++i)
        if (r.phase_ns[i] > r.phase_ns[best]) best = i;
    return static_cast<Phase>(best);
}

void paintTask(QPainter& p, const TaskRecord& r, const TimeMapping& m, const QRectF& lane,
               const GanttMark& mark) {
    const double w = std::max(1.0, mark.x1 - mark.x0);
    const QRectF bar(mark.x0, lane.top() + 1, w, lane.height() - 2);
    if (w < 5) {  // too narrow for its phases: the phase that took longest stands for it
        p.fillRect(bar, phaseColor(dominantPhase(r)));
        return;
    }
    p.fillRect(bar, QColor(0xe4, 0xe7, 0xeb));
    for (const auto& span : r.phase_spans()) {
        const double x0 = std::max(bar.left(), m.toX(span.start_ns));
        const double x1 = std::min(bar.right(), m.toX(span.end_ns));
        if (x1 - x0 < 0.25) continue;
        p.fillRect(QRectF(x0, bar.top() + 2, x1 - x0, bar.height() - 4), phaseColor(span.phase));
    }
    p.setPen(
        QPen(r.failed ? QColor(0xe5, 0x39, 0x35) : QColor(0x55, 0x5b, 0x62), r.failed ? 2 : 0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar);
}

void paintFold(QPainter& p, const GanttMark& mark, const QRectF& lane) {
    const QRectF bar(mark.x0, lane.top() + 3, std::max(1.0, mark.x1 - mark.x0), lane.height() - 6);
    p.fillRect(bar, foldedColor());
    const QString label = QStringLiteral("%1").arg(mark.count);
    const QFontMetricsF fm(p.font());
    if (fm.horizontalAdvance(label) + 6 < bar.width()) {
        p.setPen(Qt::white);
        p.drawText(bar, Qt::AlignCenter, label);
    }
}

}  // namespace

void GanttPainter::paintLegend(QPainter& p, const QRectF& rect) {
    p.save();
    const QFontMetricsF fm(p.font());
    double x = rect.left();
    const double y = rect.center().y();
    auto item = [&](const QColor& c, const QString& text) {
        p.fillRect(QRectF(x, y - 5, 10, 10), c);
        p.setPen(QColor(0x33, 0x33, 0x33));
        p.drawText(QPointF(x + 14, y + fm.ascent() / 2 - 1), text);
        x += 14 + fm.horizontalAdvance(text) + 14;
    };
    for (std::size_t i = 0; i < trace::kPhaseCount; ++i)
        item(phaseColor(static_cast<Phase>(i)), phaseLabel(static_cast<Phase>(i)));
    item(foldedColor(), QStringLiteral("folded tasks (count)"));
    item(QColor(0xff, 0xc1, 0x07), QStringLiteral("running"));
    p.restore();
}

void GanttPainter::paint(QPainter& p, const QRectF& area, const trace::Snapshot& run, TimeMapping m,
                         const GanttOptions& options) {
    paintBase(p, area, run, m, options);
    paintOverlays(p, area, run, m, options);
}

namespace {

// The marks of `lane` from pixel `fromX` on, over the lane's background: everything a full paint
// puts there, clipped to x >= fromX (all of the lane when fromX is -infinity). Returns where the
// next paintBaseIncrement has to start in this lane: the left edge of its last mark, the only one
// more records can change (foldLane's marks before it are final), less a pixel of rounding.
double paintLaneFrom(QPainter& p, const QRectF& lr, const trace::TaskLogView& log,
                     const TimeMapping& m, double fromX) {
    const auto marks = foldLane(log, m);
    const QRectF region(QPointF(std::max(lr.left(), fromX), lr.top()), lr.bottomRight());
    if (region.width() > 0) {
        p.fillRect(region, QColor(0xf6, 0xf7, 0xf9));
        p.setClipRect(region.adjusted(0, 0, 1, 1));
        for (const GanttMark& mark : marks) {
            if (mark.x1 + 2 < fromX) continue;  // its outline reaches a pixel past its end
            if (mark.folded())
                paintFold(p, mark, lr);
            else
                paintTask(p, log[mark.first], m, lr, mark);
        }
        p.setClipping(false);
    }
    return marks.empty() ? m.x0 - 2 : std::floor(marks.back().x0) - 1;
}

}  // namespace

GanttBaseState GanttPainter::paintBase(QPainter& p, const QRectF& area, const trace::Snapshot& run,
                                       TimeMapping m, const GanttOptions& options) {
    const GanttGeometry g{area, run.lanes.size(), options.legend};
    const QRectF plot = g.plotRect();
    m.placeOn(plot.left(), plot.width());
    GanttBaseState state;
    p.save();
    p.fillRect(area, Qt::white);
    paintTimeAxis(p, g.axisRect(), m);
    if (!options.title.isEmpty()) {
        QFont bold = p.font();
        bold.setBold(true);
        p.save();
        p.setFont(bold);
        p.setPen(Qt::black);
        p.drawText(QRectF(area.left() + 4, area.top(), GanttGeometry::kLabelWidth - 6,
                          GanttGeometry::kAxisHeight),
                   Qt::AlignLeft | Qt::AlignVCenter, options.title);
        p.restore();
    }
    p.setClipRect(plot.adjusted(0, 0, 1, 1));
    paintTimeGrid(p, plot, m);
    p.setClipping(false);

    for (std::size_t lane = 0; lane < run.lanes.size(); ++lane) {
        const QRectF lr = g.laneRect(lane);
        p.setPen(QColor(0x33, 0x33, 0x33));
        p.drawText(QRectF(area.left() + 4, lr.top(), GanttGeometry::kLabelWidth - 8, lr.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("thread %1").arg(lane));
        const auto& log = run.lanes[lane];
        state.tails.push_back(
            paintLaneFrom(p, lr, log, m, -std::numeric_limits<double>::infinity()));
        state.counts.push_back(log.size());
    }
    if (options.legend) {
        paintLegend(p, QRectF(plot.left(), plot.bottom() + 2, plot.width(),
                              GanttGeometry::kLegendHeight - 2));
    }
    p.restore();
    return state;
}

bool GanttPainter::paintBaseIncrement(QPainter& p, const QRectF& area, const trace::Snapshot& run,
                                      TimeMapping m, const GanttOptions& options,
                                      GanttBaseState& state) {
    if (state.counts.size() != run.lanes.size()) return false;
    for (std::size_t lane = 0; lane < run.lanes.size(); ++lane)
        if (run.lanes[lane].size() < state.counts[lane]) return false;
    const GanttGeometry g{area, run.lanes.size(), options.legend};
    const QRectF plot = g.plotRect();
    m.placeOn(plot.left(), plot.width());
    p.save();
    for (std::size_t lane = 0; lane < run.lanes.size(); ++lane) {
        const auto& log = run.lanes[lane];
        if (log.size() == state.counts[lane]) continue;
        state.tails[lane] = paintLaneFrom(p, g.laneRect(lane), log, m, state.tails[lane]);
        state.counts[lane] = log.size();
    }
    p.restore();
    return true;
}

void GanttPainter::paintOverlays(QPainter& p, const QRectF& area, const trace::Snapshot& run,
                                 TimeMapping m, const GanttOptions& options) {
    const GanttGeometry g{area, run.lanes.size(), options.legend};
    const QRectF plot = g.plotRect();
    m.placeOn(plot.left(), plot.width());
    p.save();
    // Tasks still running: from their start to the snapshot's time.
    p.setClipRect(plot.adjusted(0, 0, 1, 1));
    for (const auto& r : run.running) {
        if (r.lane >= run.lanes.size()) continue;
        const QRectF lr = g.laneRect(r.lane);
        const double x0 = m.toX(r.start_ns), x1 = m.toX(std::max(run.now_ns, r.start_ns));
        const QRectF bar(x0, lr.top() + 1, std::max(2.0, x1 - x0), lr.height() - 2);
        p.fillRect(bar, QColor(0xff, 0xc1, 0x07, 170));
        p.setPen(QPen(QColor(0x99, 0x70, 0x00), 0, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(bar);
    }
    if (options.highlightedTask) {
        for (std::size_t lane = 0; lane < run.lanes.size(); ++lane) {
            const auto& log = run.lanes[lane];
            for (std::size_t i = 0; i < log.size(); ++i) {
                if (log.id(i) != *options.highlightedTask) continue;  // no record decoded
                const TaskRecord r = log[i];
                const QRectF lr = g.laneRect(lane);
                const double x0 = m.toX(r.start_ns);
                const QRectF bar(x0 - 2, lr.top() - 1, std::max(3.0, m.toX(r.end_ns) - x0) + 4,
                                 lr.height() + 2);
                p.setPen(QPen(Qt::black, 2));
                p.setBrush(Qt::NoBrush);
                p.drawRect(bar);
            }
        }
    }
    if (options.selection) {
        const double x0 = m.toX(options.selection->first);
        const double x1 = m.toX(options.selection->second);
        const QRectF sel(std::min(x0, x1), plot.top(), std::fabs(x1 - x0), plot.height());
        p.fillRect(sel, QColor(0x30, 0x80, 0xe0, 50));
        p.setPen(QPen(QColor(0x30, 0x80, 0xe0), 1));
        p.drawLine(sel.topLeft(), sel.bottomLeft());
        p.drawLine(sel.topRight(), sel.bottomRight());
    }
    p.restore();
}

std::optional<TaskRecord> GanttPainter::taskAt(const trace::Snapshot& run, const QRectF& area,
                                               const TimeMapping& mapping, QPointF pos,
                                               bool legend) {
    const GanttGeometry g{area, run.lanes.size(), legend};
    const int lane = g.laneAt(pos.y());
    if (lane < 0 || !g.plotRect().contains(pos)) return std::nullopt;
    // Within two pixels either side, so a one-pixel task can still be picked.
    const std::int64_t t = mapping.toTime(pos.x());
    const std::int64_t slack = std::max<std::int64_t>(mapping.durationOf(2.0), 0);
    const auto [first, last] =
        run.visible_range(static_cast<std::size_t>(lane), t - slack, t + slack);
    const auto& log = run.lanes[static_cast<std::size_t>(lane)];
    std::optional<TaskRecord> best;
    std::int64_t bestDistance = 0;
    for (std::size_t i = first; i < last; ++i) {
        const TaskRecord& r = log[i];
        const std::int64_t d = t < r.start_ns ? r.start_ns - t : (t > r.end_ns ? t - r.end_ns : 0);
        if (!best || d < bestDistance) {
            best = r;
            bestDistance = d;
        }
    }
    return best;
}

}  // namespace cs::ui
