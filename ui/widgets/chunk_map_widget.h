// The chunk map on screen: paints with ChunkMapPainter, names the chunk under the mouse in a
// tooltip and says which chunk was clicked.
#pragma once

#include <QWidget>

#include <functional>

#include "ui/painters/chunk_map_painter.h"

namespace cs::ui {

class ChunkMapWidget : public QWidget {
    Q_OBJECT
public:
    explicit ChunkMapWidget(QWidget* parent = nullptr);

    void setMap(ChunkMapData data, ChunkMapPainter::Options options);
    const ChunkMapData& map() const { return data_; }
    // Text for the chunk under `pos` (widget coordinates); empty outside the grid.
    QString describeAt(const QPoint& pos) const;
    // Set by the panel: turns a storage index into a name ("0.3.1" or "(0, 3, 1)").
    std::function<QString(int storageIndex)> chunkName;

    QSize sizeHint() const override { return {420, 300}; }
    QSize minimumSizeHint() const override { return {200, 140}; }

signals:
    void chunkClicked(int storageIndex);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    ChunkMapData data_;
    ChunkMapPainter::Options options_;
};

}  // namespace cs::ui
