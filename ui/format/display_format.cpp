#include "ui/format/display_format.h"

#include <QLocale>
#include <QStringList>

namespace cs::ui {

QString formatBytes(std::uint64_t bytes) {
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    if (bytes < 1024) return QStringLiteral("%1 B").arg(bytes);
    double v = static_cast<double>(bytes);
    int unit = 0;
    while (v >= 1024.0 && unit < 5) {
        v /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(v, 0, 'f', v < 10 ? 2 : (v < 100 ? 1 : 0)).arg(units[unit]);
}

QString formatShape(const Shape& shape) {
    QStringList parts;
    for (auto s : shape) parts << QString::number(s);
    if (shape.size() == 1) return QStringLiteral("(%1,)").arg(parts.front());
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

QString formatRatio(double ratio) {
    if (!(ratio > 0)) return QStringLiteral("—");
    return QString::number(ratio, 'f', ratio < 10 ? 2 : 1);
}

QString formatCount(std::uint64_t n) {
    return QLocale(QLocale::English).toString(qulonglong(n));
}

QString nodeKindName(NodeKind kind) {
    switch (kind) {
        case NodeKind::Group:
            return QStringLiteral("group");
        case NodeKind::Array:
            return QStringLiteral("array");
        case NodeKind::Dimension:
            return QStringLiteral("dimension");
        case NodeKind::Link:
            return QStringLiteral("link");
        case NodeKind::Broken:
            return QStringLiteral("broken");
    }
    return QStringLiteral("?");
}

std::optional<double> compressionRatio(std::uint64_t nbytes, std::optional<std::uint64_t> stored) {
    if (!stored || *stored == 0) return std::nullopt;
    return static_cast<double>(nbytes) / static_cast<double>(*stored);
}

}  // namespace cs::ui
