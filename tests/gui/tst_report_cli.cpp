// `chunkscope-cli report`: profiles saved from real runs (a copy and a reduction of an array
// written by zarr-python) become one self-contained HTML report with SVG pictures, for one run
// and for a comparison; bad arguments and bad profiles exit 2 with a message naming the file.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include "core/engine/executor.h"
#include "core/store/directory_store.h"
#include "core/trace/chrome_trace.h"
#include "core/zarr/zarr.h"
#include "ui/run/run_request.h"

class TstReportCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString copyProfile_, reduceProfile_;

    struct Result {
        int code = -1;
        QString out, err;
    };
    Result cli(const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral(CS_CLI_PATH), args);
        p.waitForFinished(120000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }
    QString profileOf(std::shared_ptr<const cs::ChunkedArray> source, cs::ui::RunRequest request,
                      const QString& name) {
        auto prepared =
            cs::ui::prepareRun(source, request, dir_.path().toStdString(), name.toStdString());
        if (!prepared) {
            qWarning("%s", prepared.error().message.c_str());
            return {};
        }
        auto outcome = cs::engine::run_plan(prepared->plan, prepared->settings);
        if (!outcome.status) {
            qWarning("%s", outcome.status.error().message.c_str());
            return {};
        }
        const QString path = dir_.path() + "/" + name + ".json";
        if (!cs::trace::write_chrome_trace(outcome.trace, path.toStdString())) return {};
        return path;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QProcess py;
        py.start(QStringLiteral(CS_PYTHON),
                 {QStringLiteral(CS_TESTS_DIR "/gui/fixtures/make_run_fixture.py"), dir_.path()});
        QVERIFY(py.waitForFinished(60000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        auto store =
            std::make_shared<cs::DirectoryStore>((dir_.path() + "/source.zarr").toStdString());
        auto array = cs::open_zarr_array(store, "");
        QVERIFY(array.has_value());
        std::shared_ptr<const cs::ChunkedArray> source(std::move(*array));
        cs::ui::RunRequest copy;
        copy.backend = cs::ui::CopyBackend::Hdf5Gzip;
        copy.settings.threads = 2;
        copyProfile_ = profileOf(source, copy, QStringLiteral("copy"));
        QVERIFY(!copyProfile_.isEmpty());
        cs::ui::RunRequest reduce;
        reduce.operation = cs::ui::RunOperation::Reduce;
        reduce.reduceOp = "mean";
        reduce.axes = std::vector<std::int64_t>{0};
        reduce.settings.threads = 1;
        reduceProfile_ = profileOf(source, reduce, QStringLiteral("mean"));
        QVERIFY(!reduceProfile_.isEmpty());
    }

    void oneRun() {
        const QString out = dir_.path() + "/one.html";
        const auto r = cli({QStringLiteral("report"), copyProfile_, QStringLiteral("-o"), out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("1 run")));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(f.readAll());
        QVERIFY(html.contains(QStringLiteral("chunkscope run report")));
        QVERIFY(html.count(QStringLiteral("<svg")) >= 6);
        QVERIFY(html.contains(QStringLiteral("copy to HDF5 gzip")));
        QVERIFY(html.contains(QStringLiteral("Store statistics")));
        QVERIFY(!html.contains(QStringLiteral("src=\"http")));  // self-contained
    }

    void comparison() {
        const QString out = dir_.path() + "/compare.html";
        const auto r =
            cli({QStringLiteral("report"), copyProfile_, reduceProfile_, QStringLiteral("-o"), out,
                 QStringLiteral("--title"), QStringLiteral("HDF5 vs mean")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(f.readAll());
        QVERIFY(html.contains(QStringLiteral("HDF5 vs mean")));
        QVERIFY(html.contains(QStringLiteral("CPU on one time axis")));
        QVERIFY(html.contains(QStringLiteral("Gantts stacked")));
        QVERIFY(html.contains(QStringLiteral("copy.json")));
        QVERIFY(html.contains(QStringLiteral("mean.json")));
        // Two shared-axis CPU charts + two stacked Gantts + 6 pictures per run.
        QVERIFY(html.count(QStringLiteral("<svg")) >= 16);
    }

    void badInput() {
        auto r = cli({QStringLiteral("report"), copyProfile_});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("-o report.html")));
        r = cli({QStringLiteral("report"), dir_.path() + "/missing.json", QStringLiteral("-o"),
                 dir_.path() + "/x.html"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("missing.json")));
        const QString garbage = dir_.path() + "/garbage.json";
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("[1, 2, ");
        g.close();
        r = cli({QStringLiteral("report"), garbage, QStringLiteral("-o"), dir_.path() + "/x.html"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("garbage.json")));
        QVERIFY(!QFile::exists(dir_.path() + "/x.html"));
        r = cli({QStringLiteral("report"), copyProfile_, QStringLiteral("-o"),
                 dir_.path() + "/no/such/dir/r.html"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("r.html")));
        r = cli({QStringLiteral("report"), copyProfile_, QStringLiteral("--bogus"),
                 QStringLiteral("-o"), dir_.path() + "/y.html"});
        QCOMPARE(r.code, 2);
    }
};

QTEST_GUILESS_MAIN(TstReportCli)
#include "tst_report_cli.moc"
