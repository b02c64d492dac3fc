// One picture, three outputs: a painter callback drawn into an SVG document (reports, "Export as
// SVG") or a PNG image (screenshots, "Export as PNG"). Every run view draws through its painter
// class, so these are the same pixels the screen shows.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>

#include <functional>

class QPainter;

namespace cs::ui {

using PaintFunction = std::function<void(QPainter&, const QRectF&)>;

// The SVG document (<?xml ...?><svg ...>...</svg>) of `paint` over a `size` canvas.
QByteArray renderSvg(QSize size, const PaintFunction& paint, const QString& title = {});
// The same picture as an image (device pixel ratio 1).
QImage renderImage(QSize size, const PaintFunction& paint);
// Writes PNG or SVG by the file's suffix (".svg" -> SVG, else PNG); false on failure.
bool exportPicture(const QString& path, QSize size, const PaintFunction& paint);

}  // namespace cs::ui
