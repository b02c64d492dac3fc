#include "ui/run/report_writer.h"

#include <QDateTime>
#include <QPainter>
#include <QTimeZone>

#include <algorithm>

#include "core/trace/chrome_trace.h"
#include "core/trace/summary.h"
#include "ui/painters/chunk_heatmap_painter.h"
#include "ui/painters/gantt_painter.h"
#include "ui/painters/resource_painter.h"
#include "ui/painters/run_statistics.h"
#include "ui/painters/run_style.h"
#include "ui/painters/task_graph_painter.h"
#include "ui/run/run_summary_table.h"
#include "ui/run/svg_render.h"

namespace cs::ui {

namespace {

constexpr int kWidth = 1100;

QString esc(const QString& s) {
    return s.toHtmlEscaped();
}
QString esc(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

// The <svg> element alone, to inline in the page.
QString inlineSvg(QSize size, const PaintFunction& paint, const QString& title) {
    QString svg = QString::fromUtf8(renderSvg(size, paint, title));
    const auto at = svg.indexOf(QStringLiteral("<svg"));
    if (at > 0) svg.remove(0, at);
    return QStringLiteral("<figure>") + svg + QStringLiteral("<figcaption>") + esc(title) +
           QStringLiteral("</figcaption></figure>\n");
}

QString table(const QStringList& headers, const std::vector<QStringList>& rows) {
    QString h = QStringLiteral("<table><tr>");
    for (const auto& c : headers) h += QStringLiteral("<th>") + esc(c) + QStringLiteral("</th>");
    h += QStringLiteral("</tr>\n");
    for (const auto& r : rows) {
        h += QStringLiteral("<tr>");
        for (const auto& c : r) h += QStringLiteral("<td>") + esc(c) + QStringLiteral("</td>");
        h += QStringLiteral("</tr>\n");
    }
    return h + QStringLiteral("</table>\n");
}

QString jsonText(const Json& v) {
    if (v.is_string()) return QString::fromStdString(v.as_string());
    return QString::fromStdString(write_json(v));
}

QString settingsTable(const trace::Snapshot& run) {
    const auto& s = run.settings;
    std::vector<QStringList> rows = {
        {QStringLiteral("operation"), QString::fromStdString(s.operation)},
        {QStringLiteral("status"), QString::fromUtf8(trace::run_status_name(run.status))},
        {QStringLiteral("threads"), QString::number(s.threads)},
        {QStringLiteral("storage lock"),
         s.storage_lock ? QStringLiteral("on") : QStringLiteral("off")},
        {QStringLiteral("sampling interval"), QStringLiteral("%1 ms").arg(s.sample_interval_ms)},
        {QStringLiteral("reduction fan-in"), QString::number(s.fan_in)},
    };
    if (s.chunks_per_task > 1)
        rows.push_back(
            {QStringLiteral("chunks per reduction task"), QString::number(s.chunks_per_task)});
    QStringList inputs;
    for (const auto& i : s.inputs) inputs << QString::fromStdString(i);
    if (!inputs.isEmpty())
        rows.push_back({QStringLiteral("inputs"), inputs.join(QStringLiteral(", "))});
    if (!s.output.empty())
        rows.push_back({QStringLiteral("output"), QString::fromStdString(s.output)});
    if (run.start_unix_ns > 0) {
        rows.push_back({QStringLiteral("started"),
                        QDateTime::fromMSecsSinceEpoch(run.start_unix_ns / 1000000, Qt::UTC)
                            .toString(Qt::ISODate)});
    }
    if (!run.error.empty())
        rows.push_back({QStringLiteral("error"), QString::fromStdString(run.error)});
    return table({QStringLiteral("setting"), QStringLiteral("value")}, rows);
}

QString storeTable(const trace::Snapshot& run) {
    std::vector<QStringList> rows;
    if (run.metadata.is_object()) {
        for (const auto& [key, value] : run.metadata.as_object())
            rows.push_back({QString::fromStdString(key), jsonText(value)});
    }
    if (rows.empty()) return QStringLiteral("<p>No store statistics were recorded.</p>\n");
    return table({QStringLiteral("fact"), QStringLiteral("value")}, rows);
}

QString phaseTable(const trace::Snapshot& run) {
    const auto st = computeStatistics(run);
    std::vector<QStringList> rows;
    for (std::size_t p = 0; p < trace::kPhaseCount; ++p) {
        const auto phase = static_cast<trace::Phase>(p);
        rows.push_back(
            {phaseLabel(phase), formatDuration(st.phase_ns[p]),
             QString::number(st.phaseShare(phase) * 100, 'f', 1) + QStringLiteral(" %")});
    }
    QString h = table({QStringLiteral("phase"), QStringLiteral("total"),
                       QStringLiteral("share of all lanes' wall time")},
                      rows);
    std::vector<QStringList> lanes;
    for (std::size_t l = 0; l < st.lanes; ++l)
        lanes.push_back(
            {QStringLiteral("thread %1").arg(l),
             QString::number(st.laneBusyShare(l) * 100, 'f', 1) + QStringLiteral(" %")});
    h += table({QStringLiteral("lane"), QStringLiteral("busy")}, lanes);
    h += QStringLiteral(
             "<p>Lock wait share of task time: %1 %. Throughput: %2 GB/s in, %3 GB/s out (decoded "
             "bytes).</p>\n")
             .arg(st.lockWaitShare() * 100, 0, 'f', 1)
             .arg(st.gbPerSecondIn(), 0, 'f', 3)
             .arg(st.gbPerSecondOut(), 0, 'f', 3);
    return h;
}

QSize ganttSize(const trace::Snapshot& run) {
    return QSize(kWidth, static_cast<int>(GanttGeometry::preferredHeight(run.lanes.size())));
}

QString runPictures(const ReportRun& r, std::int64_t end) {
    const auto& run = r.run;
    const std::int64_t t1 = std::max<std::int64_t>(end, 1);
    QString h;
    for (auto chart : {ResourceChart::Cpu, ResourceChart::Memory, ResourceChart::Disk}) {
        h += inlineSvg(
            QSize(kWidth, 170),
            [&](QPainter& p, const QRectF& a) {
                ResourcePainter::paint(p, a, run, TimeMapping{0, t1, 0, 1}, chart);
            },
            r.name + QStringLiteral(": ") + ResourcePainter::chartName(chart));
    }
    h += inlineSvg(
        ganttSize(run),
        [&](QPainter& p, const QRectF& a) {
            GanttPainter::paint(p, a, run, TimeMapping{0, t1, 0, 1});
        },
        r.name + QStringLiteral(": task Gantt (one lane per worker thread)"));
    if (run.graph && run.graph->size() > 0) {
        const TaskGraphLayout layout = layoutTaskGraph(*run.graph);
        const QSize size = TaskGraphPainter::pictureSize(layout, kWidth);
        h += inlineSvg(
            size,
            [&](QPainter& p, const QRectF& a) {
                TaskGraphPainter::paint(p, a, layout, run.node_states);
            },
            r.name + QStringLiteral(": task graph"));
    }
    const auto st = computeStatistics(run);
    h += inlineSvg(
        QSize(kWidth / 2, 360),
        [&](QPainter& p, const QRectF& a) { ChunkHeatmapPainter::paint(p, a, st.chunks); },
        r.name + QStringLiteral(": chunk cost heatmap"));
    return h;
}

const char* kStyle = R"(<style>
body{font-family:sans-serif;margin:24px;color:#222;max-width:1180px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#f0f2f5}
figure{margin:12px 0}figcaption{font-size:12px;color:#555}
</style>
)";

}  // namespace

QString reportHtml(const std::vector<ReportRun>& runs, const QString& title) {
    const QString heading = title.isEmpty()
                                ? (runs.size() > 1 ? QStringLiteral("chunkscope comparison report")
                                                   : QStringLiteral("chunkscope run report"))
                                : title;
    QString h = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>") +
                esc(heading) + QStringLiteral("</title>\n") + QString::fromUtf8(kStyle) +
                QStringLiteral("</head><body>\n<h1>") + esc(heading) + QStringLiteral("</h1>\n");
    h += QStringLiteral("<p>Generated %1 by chunkscope 0.1.0; %2 run(s).</p>\n")
             .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
             .arg(runs.size());

    std::vector<QStringList> rows;
    std::int64_t longest = 1;
    for (const auto& r : runs) {
        rows.push_back(summaryRow(r.name, r.run));
        longest = std::max(longest, r.run.now_ns);
    }
    h += QStringLiteral("<h2>Summary</h2>\n") + table(summaryHeaders(), rows);
    h += QStringLiteral(
        "<p>CPU % is of one core (200 % = two cores busy); phase % are shares of summed task "
        "time.</p>\n");

    if (runs.size() > 1) {
        h += QStringLiteral("<h2>CPU on one time axis</h2>\n");
        for (const auto& r : runs) {
            h += inlineSvg(
                QSize(kWidth, 150),
                [&](QPainter& p, const QRectF& a) {
                    ResourcePainter::paint(p, a, r.run, TimeMapping{0, longest, 0, 1},
                                           ResourceChart::Cpu, {false, 0, r.name});
                },
                r.name + QStringLiteral(": CPU"));
        }
        h += QStringLiteral("<h2>Gantts stacked (same time axis)</h2>\n");
        for (const auto& r : runs) {
            h += inlineSvg(
                ganttSize(r.run),
                [&](QPainter& p, const QRectF& a) {
                    GanttPainter::paint(p, a, r.run, TimeMapping{0, longest, 0, 1},
                                        {std::nullopt, std::nullopt, true, QString()});
                },
                r.name + QStringLiteral(": task Gantt"));
        }
    }

    for (const auto& r : runs) {
        h += QStringLiteral("<h2>") + esc(r.name) + QStringLiteral(" — ") +
             esc(r.run.settings.operation) + QStringLiteral("</h2>\n");
        h += QStringLiteral("<h3>Run settings</h3>\n") + settingsTable(r.run);
        h += QStringLiteral("<h3>Store statistics</h3>\n") + storeTable(r.run);
        h += QStringLiteral("<h3>Statistics</h3>\n") + phaseTable(r.run);
        h += QStringLiteral("<h3>Pictures</h3>\n") + runPictures(r, r.run.now_ns);
    }
    h += QStringLiteral("</body></html>\n");
    return h;
}

Result<void> writeReport(const std::vector<ReportRun>& runs, const std::string& path,
                         const QString& title) {
    if (runs.empty())
        return fail(ErrorCode::InvalidArgument, "report " + path + ": no runs to report");
    const QByteArray html = reportHtml(runs, title).toUtf8();
    return trace::write_text_file_atomic(
        path, std::string_view(html.constData(), static_cast<std::size_t>(html.size())));
}

}  // namespace cs::ui
