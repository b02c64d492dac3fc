#include "ui/painters/histogram_painter.h"

#include <QFontMetricsF>
#include <QObject>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace cs::ui {

Histogram Histogram::of(const std::vector<double>& values, int bins) {
    Histogram h;
    if (values.empty() || bins < 1) return h;
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    h.min = *lo;
    h.max = *hi;
    if (h.max <= h.min) bins = 1;
    h.counts.assign(static_cast<std::size_t>(bins), 0);
    const double width = (h.max - h.min) / bins;
    for (double v : values) {
        int b = width > 0 ? static_cast<int>((v - h.min) / width) : 0;
        ++h.counts[static_cast<std::size_t>(std::clamp(b, 0, bins - 1))];
    }
    return h;
}

int Histogram::maxCount() const {
    return counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
}

HistogramPainter::HistogramPainter(const Histogram& histogram, QString valueTitle,
                                   std::function<QString(double)> valueLabel)
    : histogram_(histogram),
      valueTitle_(std::move(valueTitle)),
      valueLabel_(std::move(valueLabel)) {}

void HistogramPainter::paint(QPainter& painter, const QRectF& bounds) const {
    painter.save();
    const QFontMetricsF fm(painter.font());
    const QColor text(0x20, 0x24, 0x28);
    painter.setPen(text);
    if (histogram_.counts.empty()) {
        painter.drawText(bounds, Qt::AlignCenter, QObject::tr("No stored chunks"));
        painter.restore();
        return;
    }
    const int top = histogram_.maxCount();
    const QString topLabel = QString::number(top);
    const double left = bounds.left() + fm.horizontalAdvance(topLabel) + 10;
    const QRectF plot(left, bounds.top() + fm.height(), bounds.right() - left - 8,
                      bounds.height() - fm.height() * 3.2);
    if (plot.width() < 10 || plot.height() < 10) {
        painter.restore();
        return;
    }
    const int n = static_cast<int>(histogram_.counts.size());
    const double barW = plot.width() / n;
    for (int i = 0; i < n; ++i) {
        const double h =
            plot.height() * histogram_.counts[static_cast<std::size_t>(i)] / std::max(1, top);
        const QRectF bar(plot.left() + i * barW, plot.bottom() - h, std::max(1.0, barW - 1), h);
        painter.fillRect(bar, QColor(0x31, 0x68, 0x8e));
    }
    painter.setPen(QColor(0x50, 0x50, 0x50));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());
    painter.setPen(text);
    painter.drawText(
        QRectF(bounds.left(), plot.top() - fm.height() / 2, left - bounds.left() - 4, fm.height()),
        Qt::AlignRight | Qt::AlignVCenter, topLabel);
    painter.drawText(QRectF(bounds.left(), plot.bottom() - fm.height() / 2,
                            left - bounds.left() - 4, fm.height()),
                     Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
    painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width() / 2, fm.height()),
                     Qt::AlignLeft | Qt::AlignTop, valueLabel_(histogram_.min));
    painter.drawText(QRectF(plot.center().x(), plot.bottom() + 2, plot.width() / 2, fm.height()),
                     Qt::AlignRight | Qt::AlignTop, valueLabel_(histogram_.max));
    painter.drawText(
        QRectF(plot.left(), plot.bottom() + fm.height() + 2, plot.width(), fm.height()),
        Qt::AlignHCenter | Qt::AlignTop, valueTitle_);
    painter.drawText(QRectF(plot.left(), bounds.top(), plot.width(), fm.height()),
                     Qt::AlignLeft | Qt::AlignTop, QObject::tr("chunks"));
    painter.restore();
}

}  // namespace cs::ui
