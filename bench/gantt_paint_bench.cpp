// How long one repaint of the task Gantt takes for a 1,000,000-task trace (8 lanes of 125,000
// tasks with six phases each), at full zoom-out, at 10x and 1000x zoom, and panned to the end:
// the level-of-detail folding is meant to keep every case under one 60 Hz frame (16 ms).
//   gantt_paint_bench [TASKS] [REPEATS]
// Prints one line per case: median and worst time per repaint into a 1600x420 QImage.
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "ui/painters/gantt_painter.h"

namespace {

cs::trace::Snapshot syntheticRun(std::size_t tasks, std::uint32_t lanes) {
    cs::trace::Snapshot run;
    run.settings.threads = lanes;
    run.status = cs::trace::RunStatus::Finished;
    std::uint32_t seed = 7;
    std::int64_t end = 0;
    for (std::uint32_t lane = 0; lane < lanes; ++lane) {
        std::vector<cs::trace::TaskRecord> records;
        records.reserve(tasks / lanes);
        std::int64_t t = 0;
        for (std::size_t i = 0; i < tasks / lanes; ++i) {
            cs::trace::TaskRecord r;
            r.id = lane * (tasks / lanes) + i;
            r.lane = lane;
            r.kind = cs::trace::TaskKind::Copy;
            r.start_ns = t;
            for (std::size_t p = 0; p < cs::trace::kPhaseCount; ++p) {
                seed = seed * 1664525u + 1013904223u;
                const std::int64_t d = 200 + (seed >> 16) % 4000;
                r.add_span(static_cast<cs::trace::Phase>(p), t, t + d);
                t += d;
            }
            r.end_ns = t;
            t += 500;
            records.push_back(r);
        }
        end = std::max(end, t);
        run.lanes.push_back(cs::trace::TaskLogView::from_vector(records));
    }
    run.now_ns = end;
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QGuiApplication app(argc, argv);
    const std::size_t tasks = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 30;
    const std::uint32_t lanes = 8;
    const auto run = syntheticRun(tasks, lanes);
    QImage image(1600, 420, QImage::Format_ARGB32_Premultiplied);
    const QRectF area(0, 0, image.width(), image.height());

    struct Case {
        const char* name;
        std::int64_t t0, t1;
    };
    const std::int64_t end = run.now_ns;
    const Case cases[] = {
        {"full run", 0, end},
        {"zoom 10x", end / 2, end / 2 + end / 10},
        {"zoom 1000x", end / 2, end / 2 + end / 1000},
        {"zoom 1000x at the end", end - end / 1000, end},
    };
    std::printf("gantt_paint_bench: %zu tasks on %u lanes, %dx%d px, %d repeats\n",
                run.task_count(), lanes, image.width(), image.height(), repeats);
    bool allUnderFrame = true;
    for (const auto& c : cases) {
        std::vector<double> ms;
        for (int i = 0; i < repeats; ++i) {
            QPainter painter(&image);
            const auto mapping = cs::ui::GanttPainter::mappingFor(area, lanes, c.t0, c.t1);
            const auto t0 = std::chrono::steady_clock::now();
            cs::ui::GanttPainter::paint(painter, area, run, mapping);
            painter.end();
            ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count());
        }
        std::sort(ms.begin(), ms.end());
        const double median = ms[ms.size() / 2];
        allUnderFrame = allUnderFrame && median < 16.0;
        std::printf("  %-24s median %7.2f ms   worst %7.2f ms\n", c.name, median, ms.back());
    }
    std::printf("%s\n", allUnderFrame ? "every case repaints under 16 ms (median)"
                                      : "SOME CASE TAKES LONGER THAN 16 ms");
    return 0;
}
