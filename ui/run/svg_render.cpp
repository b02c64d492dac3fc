#include "ui/run/svg_render.h"

#include <QBuffer>
#include <QFile>
#include <QPainter>
#include <QSvgGenerator>

namespace cs::ui {

QByteArray renderSvg(QSize size, const PaintFunction& paint, const QString& title) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(title);
    svg.setDescription(QStringLiteral("chunkscope"));
    {
        QPainter painter(&svg);
        paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    }
    return buffer.data();
}

QImage renderImage(QSize size, const PaintFunction& paint) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

bool exportPicture(const QString& path, QSize size, const PaintFunction& paint) {
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) return false;
        return file.write(renderSvg(size, paint)) >= 0;
    }
    return renderImage(size, paint).save(path);
}

}  // namespace cs::ui
