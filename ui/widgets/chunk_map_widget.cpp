#include "ui/widgets/chunk_map_widget.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include "ui/format/display_format.h"

namespace cs::ui {

ChunkMapWidget::ChunkMapWidget(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setObjectName(QStringLiteral("chunkMap"));
}

void ChunkMapWidget::setMap(ChunkMapData data, ChunkMapPainter::Options options) {
    data_ = std::move(data);
    options_ = std::move(options);
    update();
}

QString ChunkMapWidget::describeAt(const QPoint& pos) const {
    ChunkMapPainter painter(data_, options_);
    const auto cell = painter.cellAt(QRectF(rect()).adjusted(6, 6, -6, -6), QPointF(pos));
    if (!cell) return {};
    const auto [r, c] = *cell;
    const std::size_t index = static_cast<std::size_t>(r) * data_.cols + c;
    const int storage = data_.storageIndex[index];
    const auto v = data_.value(r, c);
    const QString shard = index < data_.shardNames.size() ? data_.shardNames[index] : QString();
    if (data_.cellsAreShards) {
        if (!v) return tr("shard %1: never written (reads as fill value)").arg(shard);
        const QString note = index < data_.shardNotes.size() ? data_.shardNotes[index] : QString();
        return data_.metric == ChunkMetric::StoredBytes
                   ? tr("shard %1: %2 stored, %3")
                         .arg(shard, formatBytes(static_cast<std::uint64_t>(*v)), note)
                   : tr("shard %1: ratio %2, %3").arg(shard, formatRatio(*v), note);
    }
    const QString name =
        chunkName && storage >= 0 ? chunkName(storage) : QStringLiteral("(%1, %2)").arg(r).arg(c);
    // In a sharded array the key names the shard: name the inner chunk by its coordinates.
    const QString subject =
        shard.isEmpty()
            ? tr("chunk %1").arg(name)
            : tr("inner chunk %1 in shard %2 (%3)")
                  .arg(index < data_.shardNotes.size() ? data_.shardNotes[index] : QString(), shard,
                       name);
    if (!v) return tr("%1: never written (reads as fill value)").arg(subject);
    return data_.metric == ChunkMetric::StoredBytes
               ? tr("%1: %2 stored").arg(subject, formatBytes(static_cast<std::uint64_t>(*v)))
               : tr("%1: ratio %2").arg(subject, formatRatio(*v));
}

void ChunkMapWidget::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    ChunkMapPainter(data_, options_).paint(painter, QRectF(rect()).adjusted(6, 6, -6, -6));
}

bool ChunkMapWidget::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = describeAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

void ChunkMapWidget::mousePressEvent(QMouseEvent* event) {
    ChunkMapPainter painter(data_, options_);
    const auto cell = painter.cellAt(QRectF(rect()).adjusted(6, 6, -6, -6), event->position());
    if (!cell) return;
    const int storage =
        data_.storageIndex[static_cast<std::size_t>(cell->first) * data_.cols + cell->second];
    if (storage >= 0) emit chunkClicked(storage);
}

}  // namespace cs::ui
