#include "ui/data/slice_export.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QTextStream>

#include <cstring>

#include "core/array/npy.h"
#include "core/array/selection.h"
#include "ui/data/element_format.h"

namespace cs::ui {

Result<SliceBytes> readSliceBytes(const ChunkedArray& array, const SliceSpec& spec) {
    const ArrayMeta& meta = array.meta();
    Selection selection = Selection::all(meta.shape());
    for (std::size_t a = 0; a < meta.shape().size(); ++a) {
        const int axis = static_cast<int>(a);
        if (axis == spec.rowAxis || axis == spec.colAxis) continue;
        const std::uint64_t i = a < spec.indices.size() ? spec.indices[a] : 0;
        if (i >= meta.shape()[a])
            return fail(ErrorCode::InvalidArgument,
                        array.describe() + ": index " + std::to_string(i) +
                            " out of range on axis " + std::to_string(a));
        selection.axes[a] = AxisSelection{i, i + 1, 1, true};
    }
    CS_ASSIGN_OR_RETURN(Bytes bytes, read_selection(array, selection));
    const std::uint64_t rows = spec.rows(meta.shape()), cols = spec.cols(meta.shape());
    SliceBytes out;
    out.shape = meta.shape().empty() ? Shape{}
                                     : (spec.colAxis < 0 || spec.rowAxis < 0 ? Shape{rows * cols}
                                                                             : Shape{rows, cols});
    if (spec.rowAxis > spec.colAxis && spec.colAxis >= 0) {
        // read_selection lays the axes out in array order: (cols, rows) here. Transpose.
        const std::size_t item = meta.dtype.itemsize;
        out.bytes.resize(bytes.size());
        for (std::uint64_t r = 0; r < rows; ++r)
            for (std::uint64_t c = 0; c < cols; ++c)
                std::memcpy(out.bytes.data() + (r * cols + c) * item,
                            bytes.data() + (c * rows + r) * item, item);
    } else {
        out.bytes = std::move(bytes);
    }
    return out;
}

Result<void> exportSliceCsv(const ChunkedArray& array, const SliceSpec& spec,
                            const std::string& path) {
    CS_ASSIGN_OR_RETURN(SliceBytes slice, readSliceBytes(array, spec));
    const DType& dtype = array.meta().dtype;
    const std::uint64_t cols = spec.cols(array.meta().shape());
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return fail(ErrorCode::Io, path + ": cannot write: " + file.errorString().toStdString());
    QTextStream out(&file);
    const std::size_t item = dtype.itemsize;
    const std::uint64_t n = item ? slice.bytes.size() / item : 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        QString text = formatElement(slice.bytes.data() + i * item, dtype);
        if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')))
            text = QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
                   QLatin1Char('"');
        out << text << ((i + 1) % cols == 0 ? "\n" : ",");
    }
    out.flush();
    if (!file.commit()) return fail(ErrorCode::Io, path + ": " + file.errorString().toStdString());
    return {};
}

Result<void> exportSliceNpy(const ChunkedArray& array, const SliceSpec& spec,
                            const std::string& path) {
    CS_ASSIGN_OR_RETURN(SliceBytes slice, readSliceBytes(array, spec));
    return write_npy(path, array.meta().dtype, slice.shape, slice.bytes);
}

Result<void> exportHeatmapPng(const SliceSample& sample, const HeatmapPainter::Options& options,
                              const std::string& path) {
    QImage image(900, 700, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::TextAntialiasing);
        HeatmapPainter(sample, options).paint(painter, QRectF(10, 10, 880, 680));
    }
    if (!image.save(QString::fromStdString(path), "PNG"))
        return fail(ErrorCode::Io, path + ": cannot write the PNG");
    return {};
}

}  // namespace cs::ui
