#include "ui/painters/run_style.h"

#include <array>
#include <cmath>

namespace cs::ui {

QColor phaseColor(trace::Phase phase) {
    // Distinct hues (the Tableau-10 order), lock wait in red because it is the one to notice.
    static const std::array<QColor, trace::kPhaseCount> colors = {
        QColor(0xd6, 0x27, 0x28),  // lock wait
        QColor(0x1f, 0x77, 0xb4),  // read
        QColor(0xff, 0x7f, 0x0e),  // decode
        QColor(0x2c, 0xa0, 0x2c),  // compute
        QColor(0x94, 0x67, 0xbd),  // encode
        QColor(0x8c, 0x56, 0x4b),  // write
    };
    return colors[static_cast<std::size_t>(phase)];
}

QString phaseLabel(trace::Phase phase) {
    if (phase == trace::Phase::LockWait) return QStringLiteral("lock wait");
    return QString::fromUtf8(trace::phase_name(phase));
}

QColor nodeStateColor(trace::NodeState state) {
    switch (state) {
        case trace::NodeState::Waiting:
            return QColor(0xd9, 0xd9, 0xd9);
        case trace::NodeState::Running:
            return QColor(0xff, 0xc1, 0x07);
        case trace::NodeState::Done:
            return QColor(0x4c, 0xaf, 0x50);
        case trace::NodeState::Failed:
            return QColor(0xe5, 0x39, 0x35);
    }
    return Qt::gray;
}

QColor foldedColor() {
    return QColor(0x60, 0x6c, 0x78);
}

QString formatDuration(std::int64_t ns) {
    const double v = static_cast<double>(ns);
    const double a = std::fabs(v);
    if (ns == 0) return QStringLiteral("0");
    if (a < 1e3) return QStringLiteral("%1 ns").arg(ns);
    if (a < 1e6) return QStringLiteral("%1 µs").arg(v / 1e3, 0, 'g', 3);
    if (a < 1e9) return QStringLiteral("%1 ms").arg(v / 1e6, 0, 'g', 3);
    return QStringLiteral("%1 s").arg(v / 1e9, 0, 'f', 2);
}

QString formatBytes(double bytes) {
    const double a = std::fabs(bytes);
    if (a < 1e3) return QStringLiteral("%1 B").arg(bytes, 0, 'f', 0);
    if (a < 1e6) return QStringLiteral("%1 kB").arg(bytes / 1e3, 0, 'g', 3);
    if (a < 1e9) return QStringLiteral("%1 MB").arg(bytes / 1e6, 0, 'g', 3);
    return QStringLiteral("%1 GB").arg(bytes / 1e9, 0, 'f', 2);
}

}  // namespace cs::ui
