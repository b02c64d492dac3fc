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
    const int storage = data_.storageIndex[static_cast<std::size_t>(r) * data_.cols + c];
    const QString name =
        chunkName && storage >= 0 ? chunkName(storage) : QStringLiteral("(%1, %2)").arg(r).arg(c);
    const auto v = data_.value(r, c);
    if (!v) return tr("chunk %1: never written (reads as fill value)").arg(name);
    return data_.metric == ChunkMetric::StoredBytes
               ? tr("chunk %1: %2 stored").arg(name, formatBytes(static_cast<std::uint64_t>(*v)))
               : tr("chunk %1: ratio %2").arg(name, formatRatio(*v));
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
