#include "ui/run/run_summary_table.h"

#include "core/trace/summary.h"
#include "ui/painters/run_style.h"

namespace cs::ui {

QStringList summaryHeaders() {
    QStringList h = {
        QStringLiteral("run"),     QStringLiteral("status"),  QStringLiteral("threads"),
        QStringLiteral("lock"),    QStringLiteral("tasks"),   QStringLiteral("wall"),
        QStringLiteral("CPU %"),   QStringLiteral("GB/s in"), QStringLiteral("read"),
        QStringLiteral("written"), QStringLiteral("ratio"),   QStringLiteral("lock wait")};
    for (std::size_t p = 0; p < trace::kPhaseCount; ++p)
        h << phaseLabel(static_cast<trace::Phase>(p)) + QStringLiteral(" %");
    return h;
}

double compressionRatio(const trace::Snapshot& run) {
    const auto s = trace::summarize(run);
    if (s.bytes_written > 0)
        return static_cast<double>(s.raw_bytes_out) / static_cast<double>(s.bytes_written);
    if (s.bytes_read > 0)
        return static_cast<double>(s.raw_bytes_in) / static_cast<double>(s.bytes_read);
    return 0;
}

QStringList summaryRow(const QString& name, const trace::Snapshot& run) {
    const auto s = trace::summarize(run);
    const double ratio = compressionRatio(run);
    QStringList row = {name,
                       QString::fromUtf8(trace::run_status_name(run.status)),
                       QString::number(run.settings.threads),
                       run.settings.storage_lock ? QStringLiteral("on") : QStringLiteral("off"),
                       QString::number(s.tasks),
                       formatDuration(static_cast<std::int64_t>(s.wall_s * 1e9)),
                       QString::number(s.cpu_pct, 'f', 0),
                       QString::number(s.gb_per_s, 'f', 3),
                       formatBytes(static_cast<double>(s.bytes_read)),
                       formatBytes(static_cast<double>(s.bytes_written)),
                       ratio > 0 ? QString::number(ratio, 'f', 2) : QStringLiteral("–"),
                       QString::number(s.lock_wait_share * 100, 'f', 1) + QStringLiteral(" %")};
    for (std::size_t p = 0; p < trace::kPhaseCount; ++p) {
        const double share = s.task_s > 0 ? s.phase_s[p] / s.task_s * 100 : 0;
        row << QString::number(share, 'f', 1);
    }
    return row;
}

}  // namespace cs::ui
