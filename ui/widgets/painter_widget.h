// A widget that hands its area to a paint function: the thin screen wrapper around painters
// that also draw into PNG and SVG (histogram, colour bars, heatmaps).
#pragma once

#include <QPainter>
#include <QWidget>

#include <functional>

namespace cs::ui {

class PainterWidget : public QWidget {
    Q_OBJECT
public:
    using PaintFunction = std::function<void(QPainter&, const QRectF&)>;

    explicit PainterWidget(QWidget* parent = nullptr) : QWidget(parent) {}
    void setPaintFunction(PaintFunction paint) {
        paint_ = std::move(paint);
        update();
    }
    QSize sizeHint() const override { return {360, 160}; }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter painter(this);
        painter.fillRect(rect(), Qt::white);
        if (paint_) paint_(painter, QRectF(rect()).adjusted(6, 6, -6, -6));
    }

private:
    PaintFunction paint_;
};

}  // namespace cs::ui
