// chunkscope-cli end to end: the real binary (CS_CLI_PATH) on stores zarr-python wrote. `info`
// prints what zarr-python's `.info` prints, `cat` writes the same values NumPy reads from zarr,
// and every error is a message naming the problem on stderr with exit status 2.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

#include "core/array/npy.h"
#include "core/json/json.h"

using namespace cs;

namespace {

struct Run {
    int status = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args) {
    QProcess p;
    p.start(CS_CLI_PATH, args);
    Run r;
    if (!p.waitForFinished(60000)) return r;
    r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

bool same_npy(const std::string& a_path, const std::string& b_path, QString* why) {
    auto a = read_npy(a_path);
    auto b = read_npy(b_path);
    if (!a || !b) {
        *why = QString::fromStdString(!a ? a.error().message : b.error().message);
        return false;
    }
    if (*npy_descr(a->dtype) != *npy_descr(b->dtype) || a->shape != b->shape) {
        *why = QString::fromStdString("dtype/shape: " + *npy_descr(a->dtype) + " vs " +
                                      *npy_descr(b->dtype));
        return false;
    }
    if (a->data.size() != b->data.size() ||
        (!a->data.empty() && std::memcmp(a->data.data(), b->data.data(), a->data.size()) != 0)) {
        *why = "values differ";
        return false;
    }
    return true;
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QProcess python;
        python.setProcessChannelMode(QProcess::ForwardedChannels);
        python.start(CS_PYTHON, {CS_TESTS_DIR "/interop/fixtures/zarr_v2_cli.py", dir_.path()});
        QVERIFY(python.waitForFinished(120000));
        QCOMPARE(python.exitCode(), 0);
        store_ = dir_.path() + "/data/g.zarr";
    }

    void infoPrintsWhatZarrPythonPrints() {
        const Run r = cli({"info", store_ + "/calldata/genotype"});
        QCOMPARE(r.status, 0);
        QFile expected(dir_.path() + "/genotype_info.txt");
        QVERIFY(expected.open(QIODevice::ReadOnly));
        const QString zarr_text = QString::fromUtf8(expected.readAll());
        // zarr's lines first, exactly; then fill value and attributes.
        QVERIFY2(r.out.startsWith(zarr_text), qPrintable(r.out + "\n--- zarr ---\n" + zarr_text));
        QVERIFY(r.out.contains("Fill value         : -1\n"));
        QVERIFY(r.out.contains("Attributes         : {}\n"));
    }

    void infoOfGroupIsATree() {
        const Run r = cli({"info", store_});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains("calldata"), qPrintable(r.out));
        QVERIFY2(r.out.contains("genotype  (50, 20, 2) int8  stored "), qPrintable(r.out));
        QVERIFY2(r.out.contains("qual  (30,) >float64"), qPrintable(r.out));
        QVERIFY2(r.out.contains("\"source\": \"chunkscope test\""), qPrintable(r.out));
    }

    void infoJsonAndChunks() {
        const Run r = cli({"info", store_ + "/variants/qual", "--json", "--chunks"});
        QCOMPARE(r.status, 0);
        auto doc = parse_json(r.out.toStdString(), "stdout");
        QVERIFY2(doc.has_value(), qPrintable(r.out));
        QCOMPARE(doc->find("kind")->as_string(), std::string("array"));
        QCOMPARE(doc->find("info")->find("Shape")->as_string(), std::string("(30,)"));
        QCOMPARE(doc->find("info")->find("Chunks initialized")->as_string(), std::string("2/4"));
        QCOMPARE(doc->find("attributes")->find("units")->as_string(), std::string("phred"));
        const Json* chunks = doc->find("chunks");
        QVERIFY(chunks && chunks->size() == 4);
        QCOMPARE(chunks->as_array()[0].find("key")->as_string(), std::string("variants/qual/0"));
        QVERIFY(chunks->as_array()[0].find("present")->as_bool());
        QVERIFY(!chunks->as_array()[3].find("present")->as_bool());

        const Run text = cli({"info", store_ + "/calldata/genotype", "--chunks"});
        QCOMPARE(text.status, 0);
        QVERIFY(text.out.contains("Stored bytes"));
        QVERIFY(text.out.contains("calldata/genotype/3.2.0"));
    }

    void catWritesTheSelection() {
        const QString out = dir_.path() + "/slice.npy";
        const Run r = cli({"cat", store_ + "/calldata/genotype", "--slice", "0:10,:,1", "-o", out});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QString why;
        QVERIFY2(
            same_npy(out.toStdString(), (dir_.path() + "/genotype_slice.npy").toStdString(), &why),
            qPrintable(why));
    }

    void catKeepsByteOrderAndFill() {
        const QString out = dir_.path() + "/qual_out.npy";
        const Run r = cli({"cat", store_ + "/variants/qual", "-o", out});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        QString why;
        QVERIFY2(same_npy(out.toStdString(), (dir_.path() + "/qual.npy").toStdString(), &why),
                 qPrintable(why));
    }

    // `bench tiny-tasks --rounds R` runs R pairs with recording on and off in one process and
    // prints their medians and the cost between them; a round count that is not a positive
    // whole number is an error naming the option.
    void benchTinyTasksRoundsPairsRecordingOnAndOff() {
        const Run r =
            cli({"bench", "tiny-tasks", "--n", "2000", "--threads", "2", "--rounds", "3"});
        QVERIFY2(r.status == 0, qPrintable(r.err));
        auto j = parse_json(r.out.trimmed().toStdString(), "bench output");
        QVERIFY2(j.has_value(), qPrintable(r.out));
        QCOMPARE(QString::fromStdString(j->find("what")->as_string()),
                 QString("tiny-tasks rounds"));
        QCOMPARE(j->find("rounds")->as_int(), 3);
        QCOMPARE(j->find("leaf_tasks")->as_int(), 200);
        QVERIFY(j->find("tasks")->as_int() > 200);  // the leaves and the combine tree
        const double on = j->find("run_plan_s_on")->as_double();
        const double off = j->find("run_plan_s_off")->as_double();
        QVERIFY(on > 0 && off > 0);
        QVERIFY(std::abs(j->find("recording_cost")->as_double() - (on / off - 1)) < 1e-9);
        const Run bad = cli({"bench", "tiny-tasks", "--n", "2000", "--rounds", "0"});
        QCOMPARE(bad.status, 2);
        QVERIFY2(bad.err.contains("--rounds"), qPrintable(bad.err));
    }

    // `bench codec-limit` decodes every stored chunk (the absent ones are not counted) on one
    // thread; with --threads N > 1 it also runs the codec alone on 1 and on N threads, over every
    // chunk. A chunk that does not decode is an error naming its file.
    void benchCodecLimitTimesTheCodecOnOneAndOnNThreads() {
        const auto field = [](const Json& j, const char* key) -> const Json& {
            static const Json missing;
            const Json* f = j.find(key);
            return f ? *f : missing;
        };
        for (const QString& threads : {QString(), QString("1")}) {
            QStringList args{"bench", "codec-limit", store_ + "/variants/qual"};
            if (!threads.isEmpty()) args << "--threads" << threads;
            const Run qual = cli(args);
            QVERIFY2(qual.status == 0, qPrintable(qual.err));
            auto q = parse_json(qual.out.trimmed().toStdString(), "bench output");
            QVERIFY2(q.has_value(), qPrintable(qual.out));
            QCOMPARE(field(*q, "chunks").as_int(), 2);             // 2 of its 4 chunks are stored
            QCOMPARE(field(*q, "raw_bytes").as_int(), 2 * 8 * 8);  // chunks of 8 float64
            QVERIFY(field(*q, "decode_s").as_double() > 0);
            QVERIFY(!q->find("threads_wall_s"));  // one thread only
        }

        const Run gt = cli(
            {"bench", "codec-limit", store_ + "/calldata/genotype", "--threads", "2", "--encode"});
        QVERIFY2(gt.status == 0, qPrintable(gt.err));
        auto g = parse_json(gt.out.trimmed().toStdString(), "bench output");
        QVERIFY2(g.has_value(), qPrintable(gt.out));
        QCOMPARE(field(*g, "chunks").as_int(), 12);
        QCOMPARE(field(*g, "raw_bytes").as_int(), 12 * 16 * 8 * 2);
        QVERIFY(field(*g, "encode_s").as_double() > 0);
        QCOMPARE(field(*g, "threads").as_int(), 2);
        QVERIFY(field(*g, "one_thread_wall_s").as_double() > 0);
        QVERIFY(field(*g, "threads_wall_s").as_double() > 0);
        QCOMPARE(field(*g, "threads_raw_bytes").as_int(), 12 * 16 * 8 * 2);  // every chunk, once

        for (const char* bad_count : {"0", "5000"}) {
            const Run r =
                cli({"bench", "codec-limit", store_ + "/variants/qual", "--threads", bad_count});
            QCOMPARE(r.status, 2);
            QVERIFY2(r.err.contains("--threads"), qPrintable(r.err));
        }

        // A truncated chunk, in a copy of the store.
        const QString bad = dir_.path() + "/truncated_chunk.zarr";
        QVERIFY(QProcess::execute("cp", {"-r", store_, bad}) == 0);
        QFile chunk(bad + "/calldata/genotype/2.1.0");
        QVERIFY(chunk.resize(20));
        const Run r = cli({"bench", "codec-limit", bad + "/calldata/genotype", "--threads", "2"});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains("calldata/genotype/2.1.0"), qPrintable(r.err));
    }

    void errorsExitWithStatus2_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        const QString s = dir_.path() + "/data/g.zarr";
        QTest::newRow("no such path") << QStringList{"info", dir_.path() + "/nope/x"} << "nope";
        QTest::newRow("not a store") << QStringList{"info", dir_.path()} << "not a Zarr store";
        QTest::newRow("no such node")
            << QStringList{"info", s + "/calldata/nothing"} << "calldata/nothing";
        QTest::newRow("bad slice")
            << QStringList{"cat", s + "/calldata/genotype", "--slice", "0:2,x",
                           "-o",  dir_.path() + "/x.npy"}
            << "calldata/genotype";
        QTest::newRow("cat a group")
            << QStringList{"cat", s + "/calldata", "-o", dir_.path() + "/x.npy"} << "calldata";
        QTest::newRow("no output") << QStringList{"cat", s + "/calldata/genotype"} << "usage";
        QTest::newRow("unknown option") << QStringList{"info", s, "--bogus"} << "--bogus";
        QTest::newRow("unwritable output")
            << QStringList{"cat", s + "/variants/qual", "-o", dir_.path() + "/no/such/dir/x.npy"}
            << "x.npy";
    }
    void errorsExitWithStatus2() {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        const Run r = cli(args);
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.startsWith("chunkscope-cli: "), qPrintable(r.err));
        QVERIFY2(r.err.contains(needle), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

private:
    QTemporaryDir dir_;
    QString store_;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
