// What the live views cost the engine: the same bincount plan over a generated in-memory Zarr
// array (blosc-zlib, a few thousand chunk tasks) run headless (engine::Run, as the window starts
// it, waited for on the main thread) and through a RunWorkspace shown offscreen, whose
// RunController pulls a snapshot every 80 ms and refreshes the Qt Charts resources, the Gantt,
// the task graph and the statistics. Runs alternate (headless, live, headless, ...) so a change
// in machine load hits both, in ABBA order; the engine's own wall time of each run is compared.
//   live_view_bench [REPEATS] [ROWS] [THREADS] [REFRESH_MS]
// Defaults: 9 pairs, 24576 rows (4096 leaf tasks plus the reduction tree), all hardware threads,
// the window's refresh interval (RunController: 80 ms).
// Prints each run's wall time, the medians, live / headless, and the GUI thread's CPU time during
// the live runs (the views' cost independent of the machine's load).
#include <QApplication>
#include <QEventLoop>
#include <QTimer>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <vector>

#include "core/engine/executor.h"
#include "core/store/memory_store.h"
#include "core/zarr/zarr.h"
#include "ui/run/run_controller.h"
#include "ui/run/run_request.h"
#include "ui/run/run_workspace.h"

namespace {

// rows x 8192 uint8 values in 0..15 (a cheap LCG, so the data compresses like real counts do,
// about 2x), chunks of 96 x 512: rows / 96 * 16 chunk tasks.
std::shared_ptr<const cs::ChunkedArray> makeArray(std::uint64_t rows) {
    cs::ZarrCreateOptions o;
    o.shape = {rows, 8192};
    o.chunks = {96, 512};
    o.dtype = cs::DType::scalar(cs::ScalarType::U8);
    o.compressor = cs::Json::object();
    o.compressor["id"] = "blosc";
    o.compressor["cname"] = "zlib";
    o.compressor["clevel"] = 1;
    o.compressor["shuffle"] = 0;
    o.compressor["blocksize"] = 0;
    o.filters = nullptr;
    o.fill_value = nullptr;
    auto created = cs::create_zarr_array(std::make_shared<cs::MemoryStore>(), "", o, true);
    if (!created) {
        std::fprintf(stderr, "live_view_bench: %s\n", created.error().message.c_str());
        std::exit(2);
    }
    std::shared_ptr<cs::ChunkedArray> array(std::move(*created));
    std::vector<std::uint8_t> chunk(96 * 512);
    std::uint32_t seed = 12345;
    for (std::uint64_t r = 0; r < (rows + 95) / 96; ++r) {
        for (std::uint64_t c = 0; c < 8192 / 512; ++c) {
            for (auto& v : chunk) {
                seed = seed * 1664525u + 1013904223u;
                v = static_cast<std::uint8_t>((seed >> 24) & 15u);
            }
            const std::uint64_t coords[] = {r, c};
            if (auto w = array->write_chunk(coords, chunk); !w) {
                std::fprintf(stderr, "live_view_bench: %s\n", w.error().message.c_str());
                std::exit(2);
            }
        }
    }
    return array;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// CPU seconds the calling thread (here the GUI thread) has used.
double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string loadAverage() {
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    f >> a >> b >> c;
    return a + " " + b + " " + c;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
    const std::uint64_t rows = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 24576;
    const std::uint32_t threads =
        argc > 3 ? static_cast<std::uint32_t>(std::atoi(argv[3])) : cs::engine::hardware_threads();
    const int refreshMs = argc > 4 ? std::max(10, std::atoi(argv[4])) : 0;  // 0: the window's

    const auto array = makeArray(rows);
    cs::ui::RunRequest request;
    request.operation = cs::ui::RunOperation::Bincount;
    request.bins = 16;
    request.settings.threads = threads;
    request.settings.sample_interval_ms = 20;  // the run panel's default

    cs::ui::RunWorkspace ws;
    ws.resize(1400, 820);
    ws.show();
    ws.setArray(array, QStringLiteral("generated"));

    const auto headless = [&]() -> double {
        auto prepared = cs::ui::prepareRun(array, request, "/tmp", "headless");
        if (!prepared) {
            std::fprintf(stderr, "live_view_bench: %s\n", prepared.error().message.c_str());
            std::exit(2);
        }
        auto run = cs::engine::Run::start(prepared->plan, prepared->settings);
        if (auto r = run->wait(); !r) {
            std::fprintf(stderr, "live_view_bench: %s\n", r.error().message.c_str());
            std::exit(2);
        }
        return static_cast<double>(run->snapshot().now_ns) / 1e9;
    };
    // The GUI thread's CPU seconds in the counted live runs, by phase: planning before the
    // engine starts, the live refreshes while it runs, and the views' update with the whole
    // trace once it has ended (neither the first nor the last can slow the engine).
    struct GuiCpu {
        double planning = 0, live = 0, final = 0;
        long ticks = 0;
    } gui;
    auto* controller = ws.findChild<cs::ui::RunController*>();
    if (refreshMs > 0) controller->setRefreshIntervalMs(refreshMs);
    const auto live = [&]() -> double {
        const double cpu0 = threadCpuSeconds();
        double started = cpu0, lastLive = cpu0;
        long ticks = 0;
        QEventLoop loop;
        QString failed;
        const auto s = QObject::connect(&ws, &cs::ui::RunWorkspace::runStarted, &loop,
                                        [&] { started = lastLive = threadCpuSeconds(); });
        // Connected after the workspace's own slot: runs once it has shown the snapshot.
        const auto t = QObject::connect(controller, &cs::ui::RunController::snapshotReady, &loop,
                                        [&](quint64, const cs::trace::Snapshot& snap) {
                                            if (snap.status != cs::trace::RunStatus::Running)
                                                return;  // the final one
                                            lastLive = threadCpuSeconds();
                                            ++ticks;
                                        });
        const auto c = QObject::connect(&ws, &cs::ui::RunWorkspace::runFinished, &loop,
                                        [&](const QString&, const QString& error) {
                                            failed = error;
                                            loop.quit();
                                        });
        QTimer::singleShot(600'000, &loop, [&] {
            failed = QStringLiteral("timed out");
            loop.quit();
        });
        if (!ws.startRun(request, QStringLiteral("live"))) {
            std::fprintf(stderr, "live_view_bench: %s\n", qPrintable(ws.statusText()));
            std::exit(2);
        }
        loop.exec();
        for (const auto& k : {s, t, c}) QObject::disconnect(k);
        const double end = threadCpuSeconds();
        gui.planning += started - cpu0;
        gui.live += lastLive - started;
        gui.final += end - lastLive;
        gui.ticks += ticks;
        if (!failed.isEmpty()) {
            std::fprintf(stderr, "live_view_bench: %s\n", qPrintable(failed));
            std::exit(2);
        }
        return static_cast<double>(ws.runAt(ws.runCount() - 1).run.now_ns) / 1e9;
    };

    // One of each first, not counted: page in the store, start the pools, lay out the window.
    headless();
    live();
    auto plan = cs::ui::prepareRun(array, request, "/tmp", "count");
    std::printf(
        "bincount over %llu x 8192 uint8 (blosc-zlib), %zu tasks, %u threads, sampling "
        "20 ms, views refreshed every %d ms; load average before: %s\n",
        static_cast<unsigned long long>(rows), plan ? plan->plan->size() : std::size_t{0}, threads,
        refreshMs > 0 ? refreshMs : 80, loadAverage().c_str());
    std::vector<double> a, b;
    gui = {};
    for (int i = 0; i < repeats; ++i) {
        // ABBA: neither kind always runs first (warmer caches, a fresher heap).
        if (i % 2 == 0) {
            a.push_back(headless());
            b.push_back(live());
        } else {
            b.push_back(live());
            a.push_back(headless());
        }
        std::printf("  run %d: headless %.3f s, live views %.3f s\n", i + 1, a.back(), b.back());
        std::fflush(stdout);
    }
    const double ma = median(a), mb = median(b);
    std::printf(
        "median headless %.3f s, with live views %.3f s, ratio %.4f (%+.1f%%); "
        "load average after: %s\n",
        ma, mb, mb / ma, (mb / ma - 1) * 100, loadAverage().c_str());
    // What the views cost whatever the load: the GUI thread's CPU while the engine ran, as a
    // share of one core and of the CPU the engine's workers had (threads x wall).
    double liveWall = 0;
    for (double v : b) liveWall += v;
    std::printf(
        "GUI thread CPU per live run: %.1f ms planning (before the engine starts), "
        "%.1f ms in %.1f refreshes while it runs (%.2f ms each; %.2f%% of one core, "
        "%.2f%% of the %u workers' time), %.1f ms showing the finished trace\n",
        gui.planning / repeats * 1e3, gui.live / repeats * 1e3,
        static_cast<double>(gui.ticks) / repeats,
        gui.ticks ? gui.live / static_cast<double>(gui.ticks) * 1e3 : 0.0,
        gui.live / liveWall * 100, gui.live / (liveWall * threads) * 100, threads,
        gui.final / repeats * 1e3);
    return 0;
}
