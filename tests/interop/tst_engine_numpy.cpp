// The engine against numpy on the same data: every reduction over every numeric dtype (Zarr
// stores written by zarr-python, one big-endian per kind, a missing chunk, a fill value) with 1
// and 2 threads equals numpy's answer (exactly for integer results; floats within a relative
// 1e-12 (float64), 1e-6 (float32), 1e-3 (float16) of numpy accumulating in float64); the CLI's
// copies (rechunked, recoded, Zarr and HDF5) read back equal in zarr-python / h5py; allele
// counts from HDF5 and a fused expression match; bad CLI input fails with a clear message.
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/array/npy.h"
#include "core/engine/executor.h"
#include "core/engine/ops/expression.h"
#include "core/engine/ops/scalar_dispatch.h"
#include "core/location/location.h"
#include "interop/fixture_script.h"

using namespace cs;
using namespace cs::engine;

namespace {

double element(const Bytes& data, ScalarType t, std::size_t i) {
    double v = 0;
    dispatch_scalar(t, [&](auto x) { v = load_as_double<decltype(x)>(data.data(), i); });
    return v;
}

std::shared_ptr<const ChunkedArray> open(const std::string& loc) {
    auto at = open_location(loc);
    if (!at) return nullptr;
    auto a = at->container->open_array(at->inner_path);
    if (!a) return nullptr;
    ChunkedArray* raw = a->release();
    return std::shared_ptr<const ChunkedArray>(
        raw, [c = at->container](const ChunkedArray* p) { delete p; });
}

struct CliResult {
    int code;
    QString out, err;
};

CliResult cli(const QStringList& args) {
    QProcess p;
    p.start(CS_CLI_PATH, args);
    p.waitForFinished(120000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

}  // namespace

class TestEngineNumpy : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::string d_;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        d_ = dir_.path().toStdString();
        const QString failed = cs::test::run_fixture_script("engine_arrays.py", {dir_.path()});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void reductionsMatchNumpy() {
        const char* names[] = {"b1",   "i1",   "lei2", "bei4", "lei8", "u1",
                               "leu2", "leu4", "beu8", "lef2", "lef4", "bef8"};
        const std::pair<const char*, std::optional<std::vector<std::int64_t>>> axes[] = {
            {"all", std::nullopt},
            {"0", std::vector<std::int64_t>{0}},
            {"1_2", std::vector<std::int64_t>{1, 2}},
            {"2", std::vector<std::int64_t>{2}},
            {"0_2", std::vector<std::int64_t>{0, 2}}};
        int compared = 0;
        for (const char* name : names) {
            auto array = open(d_ + "/" + name + ".zarr");
            QVERIFY2(array, name);
            for (int o = 0; o < 8; ++o) {
                const auto op = static_cast<ReduceOp>(o);
                for (const auto& [key, ax] : axes) {
                    const std::string file =
                        d_ + "/expect/" + name + "__" + reduce_op_name(op) + "__" + key + ".npy";
                    if (!QFile::exists(QString::fromStdString(file))) continue;
                    auto expected = read_npy(file);
                    QVERIFY(expected.has_value());
                    for (std::uint32_t threads : {1u, 2u}) {
                        ReduceSpec spec;
                        spec.op = op;
                        spec.axes = ax;
                        spec.bins = 5;
                        spec.fan_in = threads == 1 ? 3 : 8;
                        auto rp = plan_reduce(*array_source(array), spec);
                        QVERIFY(rp.has_value());
                        trace::RunSettings s;
                        s.threads = threads;
                        s.sample_interval_ms = 0;
                        auto run = run_plan(rp->plan, s);
                        QVERIFY2(run.status.has_value(), file.c_str());
                        const ReduceResult& r = *rp->result;
                        QCOMPARE(r.dtype.scalar_type(), expected->dtype.scalar_type());
                        QCOMPARE(r.shape, expected->shape);
                        const ScalarType t = *r.dtype.scalar_type();
                        const double tol = t == ScalarType::F64   ? 1e-12
                                           : t == ScalarType::F32 ? 1e-6
                                           : t == ScalarType::F16 ? 1e-3
                                                                  : 0;
                        const std::size_t n = r.data.size() / r.dtype.itemsize;
                        for (std::size_t i = 0; i < n; ++i) {
                            const double got = element(r.data, t, i),
                                         want = element(expected->data, t, i);
                            const bool ok = tol == 0 ? got == want
                                                     : std::abs(got - want) <=
                                                           tol * std::max(1.0, std::abs(want));
                            if (!ok)
                                QFAIL(
                                    qPrintable(QString("%1 threads %2 element %3: got %4, numpy %5")
                                                   .arg(file.c_str())
                                                   .arg(threads)
                                                   .arg(i)
                                                   .arg(got, 0, 'g', 17)
                                                   .arg(want, 0, 'g', 17)));
                        }
                        ++compared;
                    }
                }
            }
        }
        QVERIFY(compared >= 12 * 7 * 5 * 2);
    }

    void cliCopiesReadBackEqual() {
        const QString d = dir_.path();
        struct Copy {
            QStringList args;
            QString src, dst;
        };
        const Copy copies[] = {
            {{d + "/lei8.zarr", d + "/c1.zarr", "--chunks", "4,7,5", "--threads", "2"},
             d + "/lei8.zarr",
             d + "/c1.zarr"},
            {{d + "/bef8.zarr", d + "/c2.zarr", "--codec", "zstd", "--threads", "1", "--lock"},
             d + "/bef8.zarr",
             d + "/c2.zarr"},
            {{d + "/data.h5/g", d + "/c3.zarr", "--codec",
              "{\"id\": \"blosc\", \"cname\": \"zlib\", \"clevel\": 3, \"shuffle\": 0, "
              "\"blocksize\": 0}"},
             d + "/data.h5/g",
             d + "/c3.zarr"},
            {{d + "/u1.zarr", d + "/c4.h5/copy/u1", "--chunks", "23,1,5"},
             d + "/u1.zarr",
             d + "/c4.h5/copy/u1"},
            {{d + "/b1.zarr", d + "/c5.zarr/inner/b", "--codec", "none"},
             d + "/b1.zarr",
             d + "/c5.zarr/inner/b"},
        };
        QStringList pairs;
        for (const auto& c : copies) {
            const CliResult r = cli(QStringList{"copy"} + c.args + QStringList{"--quiet"});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            pairs << c.src << c.dst;
        }
        QProcess py;
        py.start(CS_PYTHON,
                 QStringList{CS_TESTS_DIR "/interop/fixtures/engine_check_copy.py"} + pairs);
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardOutput().constData());
        // The source keeps its missing chunk; the same-grid copy keeps it missing too.
        QVERIFY(!QFile::exists(d + "/c2.zarr/1.2.0"));
    }

    void cliAlleleCountsAndExpression() {
        const QString d = dir_.path();
        CliResult r = cli({"run", "bincount(g, 4, axis=(1,2))", "--input", "g=" + d + "/data.h5/g",
                           "-o", d + "/ac.npy", "--trace", d + "/ac.json", "--summary",
                           d + "/ac_summary.json", "--threads", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        auto got = read_npy((d + "/ac.npy").toStdString());
        auto want = read_npy((d + "/expect/h5__bincount__1_2.npy").toStdString());
        QVERIFY(got.has_value() && want.has_value());
        QCOMPARE(got->shape, want->shape);
        QVERIFY(got->data == want->data);
        QVERIFY(QFile::exists(d + "/ac.json"));
        QVERIFY(QFile::exists(d + "/ac_summary.json"));
        // Chunks per task defaults to auto: the trace holds the number chosen, and one chunk
        // per task gives the same counts.
        QFile trace(d + "/ac.json");
        QVERIFY(trace.open(QIODevice::ReadOnly));
        const QJsonObject settings = QJsonDocument::fromJson(trace.readAll())
                                         .object()["otherData"]
                                         .toObject()["chunkscope"]
                                         .toObject()["settings"]
                                         .toObject();
        QVERIFY2(settings["chunks_per_task"].toInt() >= 1,
                 qPrintable(QJsonDocument(settings).toJson()));
        r = cli({"run", "bincount(g, 4, axis=(1,2))", "--input", "g=" + d + "/data.h5/g", "-o",
                 d + "/ac1.npy", "--threads", "2", "--chunks-per-task", "1"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        auto one = read_npy((d + "/ac1.npy").toStdString());
        QVERIFY(one.has_value() && one->data == got->data);

        r = cli({"run", "mean(x**2 + x**3, axis=0)", "--input", "x=" + d + "/field.zarr", "-o",
                 d + "/m.npy"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        got = read_npy((d + "/m.npy").toStdString());
        want = read_npy((d + "/expect/field__expr.npy").toStdString());
        QCOMPARE(got->dtype, want->dtype);
        QCOMPARE(got->shape, want->shape);
        for (std::size_t i = 0; i < got->shape[0]; ++i) {
            const double g = element(got->data, ScalarType::F32, i),
                         w = element(want->data, ScalarType::F32, i);
            QVERIFY(std::abs(g - w) <= 1e-6 * std::abs(w));
        }
        // An element-wise expression writes an array zarr-python reads.
        r = cli({"run", "where(x > 2000, x - 2000, 0)", "--input", "x=" + d + "/field.zarr", "-o",
                 d + "/w.zarr"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QProcess py;
        py.start(CS_PYTHON, {"-c",
                             "import sys,zarr,numpy as np; x=zarr.open(sys.argv[1])[...]; "
                             "w=zarr.open(sys.argv[2])[...]; "
                             "sys.exit(0 if np.allclose(w, np.where(x > 2000, x.astype('f8') - "
                             "2000, 0).astype('f4'), rtol=1e-6) and w.dtype == np.float32 else 1)",
                             d + "/field.zarr", d + "/w.zarr"});
        QVERIFY(py.waitForFinished(60000));
        QCOMPARE(py.exitCode(), 0);
    }

    void cliBadInputIsAClearError_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString d = dir_.path();
        QTest::newRow("missing source")
            << QStringList{"copy", d + "/nope.zarr", d + "/x.zarr"} << "nope.zarr";
        QTest::newRow("unwritable target")
            << QStringList{"copy", d + "/i1.zarr", d + "/expect/h5__bincount__1_2.npy/x.zarr"}
            << "h5__bincount__1_2.npy";
        QTest::newRow("bad chunks")
            << QStringList{"copy", d + "/i1.zarr", d + "/y.zarr", "--chunks", "4,0,1"}
            << "--chunks";
        QTest::newRow("bad codec")
            << QStringList{"copy", d + "/i1.zarr", d + "/y.zarr", "--codec", "snappy"} << "snappy";
        QTest::newRow("bad threads")
            << QStringList{"copy", d + "/i1.zarr", d + "/y.zarr", "--threads", "0"} << "--threads";
        QTest::newRow("bad expression")
            << QStringList{"run", "sum(x", "--input", "x=" + d + "/i1.zarr"} << "column";
        QTest::newRow("unbound input")
            << QStringList{"run", "sum(y)", "--input", "x=" + d + "/i1.zarr"}
            << "no input named 'y'";
        QTest::newRow("array to npy")
            << QStringList{"run", "x + 1", "--input", "x=" + d + "/i1.zarr", "-o", d + "/z.npy"}
            << ".zarr";
        QTest::newRow("bad chunks per task")
            << QStringList{"run", "sum(x)", "--input", "x=" + d + "/i1.zarr", "--chunks-per-task",
                           "some"}
            << "--chunks-per-task wants auto or a whole number >= 1, got 'some'";
        QTest::newRow("bad scale")
            << QStringList{"gen-demo", d + "/demo", "--scale", "-1"} << "scale";
    }
    void cliBadInputIsAClearError() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliResult r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void genDemoIsSmallAndDeterministic() {
        const QString d = dir_.path();
        for (const char* sub : {"/demo_a", "/demo_b"}) {
            const CliResult r = cli({"gen-demo", d + sub, "--scale", "0.002", "--quiet"});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        QProcess py;
        py.start(CS_PYTHON,
                 {"-c",
                  "import sys,zarr,h5py,numpy as np\n"
                  "a=zarr.open(sys.argv[1]+'/genotype_lz4.zarr')[...]\n"
                  "b=zarr.open(sys.argv[2]+'/genotype_zlib.zarr')[...]\n"
                  "h=h5py.File(sys.argv[1]+'/genotype.h5','r')['calldata/genotype'][...]\n"
                  "w=zarr.open(sys.argv[1]+'/wvel.zarr')[...]\n"
                  "ok=a.shape==(2000,765,2) and (a==b).all() and (a==h).all()\n"
                  "miss=(a==-1).mean(); alt=(a>0).sum(); two=(a==2).sum()\n"
                  "ok=ok and 0.002<miss<0.004 and 0.01<two/alt<0.03 and w.dtype==np.float32\n"
                  "ok=ok and abs(w.mean()-2000)<20 and abs(w.std()-1000)<20\n"
                  "sys.exit(0 if ok else 1)",
                  d + "/demo_a", d + "/demo_b"});
        QVERIFY(py.waitForFinished(60000));
        QCOMPARE(py.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineNumpy)
#include "tst_engine_numpy.moc"
