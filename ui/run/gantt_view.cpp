#include "ui/run/gantt_view.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "core/engine/plan.h"
#include "ui/painters/gantt_painter.h"
#include "ui/painters/run_style.h"

namespace cs::ui {

GanttView::GanttView(QWidget* parent) : QWidget(parent) {
    mapping_.t1 = followedRunEnd();  // the first second, as the resource charts show it
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::WheelFocus);
}

QSize GanttView::sizeHint() const {
    return QSize(900, static_cast<int>(GanttGeometry::preferredHeight(
                          std::max<std::size_t>(run_.lanes.size(), 2))));
}

QSize GanttView::minimumSizeHint() const {
    return QSize(300, 90);
}

std::int64_t GanttView::runEnd() const {
    return std::max<std::int64_t>(run_.now_ns, 1000);
}

std::int64_t GanttView::followedRunEnd() const {
    // Before any run (no task graph) the time axis reads 0-1 s, like the resource charts'.
    if (!run_.graph) return followedEnd(0);
    return run_.status == trace::RunStatus::Running ? followedEnd(run_.now_ns) : runEnd();
}

void GanttView::updatePixelRange() {
    const auto m =
        GanttPainter::mappingFor(QRectF(rect()), run_.lanes.size(), mapping_.t0, mapping_.t1);
    mapping_.x0 = m.x0;
    mapping_.width = m.width;
}

void GanttView::setRun(const trace::Snapshot& run) {
    const bool lanesChanged = run.lanes.size() != run_.lanes.size();
    // Another run (or a profile) redraws everything; later snapshots of the same run add to the
    // kept base picture.
    if (run.graph != run_.graph || run.start_unix_ns != run_.start_unix_ns) baseValid_ = false;
    run_ = run;
    if (follow_) {
        mapping_.t0 = 0;
        mapping_.t1 = followedRunEnd();
    }
    updatePixelRange();
    if (lanesChanged) updateGeometry();
    update();
}

void GanttView::setVisibleRange(std::int64_t t0, std::int64_t t1) {
    follow_ = false;
    mapping_.t0 = t0;
    mapping_.t1 = std::max(t1, t0 + 1);
    update();
}

void GanttView::zoomToFit() {
    follow_ = true;
    mapping_.t0 = 0;
    mapping_.t1 = followedRunEnd();
    update();
    emit visibleRangeChanged(mapping_.t0, mapping_.t1);
}

void GanttView::highlightTask(std::optional<std::uint64_t> id) {
    highlighted_ = id;
    update();
}

void GanttView::clearSelection() {
    selection_.reset();
    update();
    emit selectionChanged(selection_);
}

void GanttView::resizeEvent(QResizeEvent*) {
    updatePixelRange();
}

void GanttView::changeEvent(QEvent* e) {
    if (e->type() == QEvent::FontChange || e->type() == QEvent::StyleChange) baseValid_ = false;
    QWidget::changeEvent(e);
}

void GanttView::paintBase() {
    const qreal dpr = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * dpr).toSize();
    const BaseKey key{run_.graph.get(), run_.start_unix_ns, mapping_.t0, mapping_.t1, size(), dpr};
    if (baseValid_ && key == baseKey_ && base_.size() == pixels) {
        // The same run, size and mapping: only the lanes' new tails (nothing when no task ended).
        QPainter p(&base_);
        p.setFont(font());
        if (GanttPainter::paintBaseIncrement(p, QRectF(rect()), run_, mapping_, {}, baseState_))
            return;
    }
    if (base_.size() != pixels) base_ = QImage(pixels, QImage::Format_RGB32);
    base_.setDevicePixelRatio(dpr);
    QPainter p(&base_);
    p.setFont(font());
    baseState_ = GanttPainter::paintBase(p, QRectF(rect()), run_, mapping_, {});
    baseKey_ = key;
    baseValid_ = true;
    ++fullBasePaints_;
}

void GanttView::paintEvent(QPaintEvent*) {
    paintBase();
    QPainter p(this);
    p.drawImage(QPointF(0, 0), base_);
    GanttOptions o;
    o.selection = selection_;
    o.highlightedTask = highlighted_;
    GanttPainter::paintOverlays(p, QRectF(rect()), run_, mapping_, o);
}

void GanttView::wheelEvent(QWheelEvent* e) {
    updatePixelRange();
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0) return;
    follow_ = false;
    mapping_.zoom(std::pow(1.25, steps), e->position().x());
    mapping_.clampTo(0, runEnd());
    update();
    emit visibleRangeChanged(mapping_.t0, mapping_.t1);
    e->accept();
}

void GanttView::mousePressEvent(QMouseEvent* e) {
    updatePixelRange();
    dragStart_ = e->position();
    moved_ = false;
    const bool select = e->button() == Qt::RightButton ||
                        (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier));
    if (select) {
        drag_ = Drag::Select;
        selectStart_ = std::clamp<std::int64_t>(mapping_.toTime(e->position().x()), 0, runEnd());
    } else if (e->button() == Qt::LeftButton) {
        drag_ = Drag::Pan;
    }
}

void GanttView::mouseMoveEvent(QMouseEvent* e) {
    if (drag_ == Drag::None) return;
    const QPointF d = e->position() - dragStart_;
    if (std::abs(d.x()) > 2) moved_ = true;
    if (drag_ == Drag::Pan && moved_) {
        follow_ = false;
        mapping_.pan(d.x());
        mapping_.clampTo(0, runEnd());
        dragStart_ = e->position();
        update();
        emit visibleRangeChanged(mapping_.t0, mapping_.t1);
    } else if (drag_ == Drag::Select && moved_) {
        const std::int64_t t =
            std::clamp<std::int64_t>(mapping_.toTime(e->position().x()), 0, runEnd());
        selection_ = std::make_pair(std::min(selectStart_, t), std::max(selectStart_, t));
        update();
    }
}

void GanttView::mouseReleaseEvent(QMouseEvent* e) {
    const Drag was = drag_;
    drag_ = Drag::None;
    if (was == Drag::Select) {
        if (!moved_) selection_.reset();
        emit selectionChanged(selection_);
        update();
        return;
    }
    if (was == Drag::Pan && !moved_) {
        const auto task = GanttPainter::taskAt(run_, QRectF(rect()), mapping_, e->position());
        if (task) {
            highlightTask(task->id);
            emit taskClicked(task->id);
        }
    }
}

void GanttView::mouseDoubleClickEvent(QMouseEvent*) {
    zoomToFit();
    clearSelection();
}

QString GanttView::describeTask(const trace::TaskRecord& r) {
    const std::vector<std::uint64_t> chunk(r.chunk().begin(), r.chunk().end());
    QString s = QStringLiteral("<b>%1</b> task %2, chunk %3<br>%4 on thread %5 (from %6)")
                    .arg(QString::fromUtf8(trace::task_kind_name(r.kind)))
                    .arg(r.id)
                    .arg(QString::fromStdString(engine::coords_label(chunk)))
                    .arg(formatDuration(r.duration_ns()))
                    .arg(r.lane)
                    .arg(formatDuration(r.start_ns));
    if (r.failed) s += QStringLiteral("<br><b>failed</b>");
    s += QStringLiteral("<table>");
    for (std::size_t p = 0; p < trace::kPhaseCount; ++p) {
        if (r.phase_ns[p] == 0) continue;
        const auto phase = static_cast<trace::Phase>(p);
        s += QStringLiteral(
                 "<tr><td><span style='color:%1'>■</span> %2</td><td align=right>%3</td></tr>")
                 .arg(phaseColor(phase).name(), phaseLabel(phase), formatDuration(r.phase_ns[p]));
    }
    s += QStringLiteral("</table>");
    s += QStringLiteral("stored in %1, raw in %2<br>raw out %3, stored out %4")
             .arg(formatBytes(static_cast<double>(r.bytes_stored_in)),
                  formatBytes(static_cast<double>(r.bytes_raw_in)),
                  formatBytes(static_cast<double>(r.bytes_raw_out)),
                  formatBytes(static_cast<double>(r.bytes_stored_out)));
    return s;
}

bool GanttView::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const auto task = GanttPainter::taskAt(run_, QRectF(rect()), mapping_, help->pos());
        if (task)
            QToolTip::showText(help->globalPos(), describeTask(*task), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

}  // namespace cs::ui
