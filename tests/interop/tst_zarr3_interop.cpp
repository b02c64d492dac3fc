// Zarr v3 against the peer. No Debian package writes v3, so at test time:
//  1. zarrita (npm, installed into a temporary folder with Node) writes v3 fixtures (every data
//     type it has, bytes/blosc/zstd/transpose, both key encodings) and chunkscope reads them equal;
//  2. chunkscope writes v3 arrays, sharded ones included, and zarrita reads them equal;
//  3. our spec-following writer (fixtures/zarr3/spec_writer.py, checked against the spec's worked
//     examples) writes what zarrita cannot (gzip, crc32c, sharding, complex, float16, raw), and
//     chunkscope reads it equal; zarrita reads the ones it can, which checks the writer itself.
#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "core/store/directory_store.h"
#include "core/zarr/v3/zarr3.h"
#include "unit/tst_zarr3_util.h"

using cs::Bytes;
using cs::Json;
using cs::test::parse;

namespace {

const QString kFixtures = QStringLiteral(CS_TESTS_DIR "/interop/fixtures/zarr3");

struct Ran {
    bool ok = false;
    QString output;
};

Ran run(const QString& program, const QStringList& args, const QString& cwd, int timeout_ms) {
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Ran r;
    if (!p.waitForStarted(10000)) {
        r.output = program + ": could not start";
        return r;
    }
    const bool finished = p.waitForFinished(timeout_ms);
    r.output = QString::fromLocal8Bit(p.readAll());
    r.ok = finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!finished) p.kill();
    return r;
}

QByteArray read_file(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

cs::DType v3_dtype(const char* name) {
    static const std::pair<const char*, cs::ScalarType> kTypes[] = {
        {"bool", cs::ScalarType::Bool},  {"int8", cs::ScalarType::I8},
        {"int16", cs::ScalarType::I16},  {"int32", cs::ScalarType::I32},
        {"int64", cs::ScalarType::I64},  {"uint8", cs::ScalarType::U8},
        {"uint16", cs::ScalarType::U16}, {"uint32", cs::ScalarType::U32},
        {"uint64", cs::ScalarType::U64}, {"float32", cs::ScalarType::F32},
        {"float64", cs::ScalarType::F64}};
    for (auto& [n, t] : kTypes)
        if (std::string(n) == name) return cs::DType::scalar(t);
    qFatal("no dtype %s", name);
}

// Deterministic bytes for `n` elements of `dtype` (bools stay 0/1, floats stay finite).
Bytes values_for(const cs::DType& dtype, std::size_t n) {
    Bytes b(n * dtype.itemsize);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint8_t* p = b.data() + i * dtype.itemsize;
        if (dtype.kind == cs::DTypeKind::Bool) {
            p[0] = i % 4 == 1;
        } else if (dtype.kind == cs::DTypeKind::Float && dtype.itemsize == 4) {
            float v = static_cast<float>(i) * 0.75f - 11.0f;
            std::memcpy(p, &v, 4);
        } else if (dtype.kind == cs::DTypeKind::Float) {
            double v = static_cast<double>(i) / 7.0 - 5.0;
            std::memcpy(p, &v, 8);
        } else {
            for (std::size_t k = 0; k < dtype.itemsize; ++k)
                p[k] = static_cast<std::uint8_t>(i * 31 + k * 17 + 3);
        }
    }
    return b;
}

// Reads every array of a manifest (written by zarrita_write.mjs or spec_writer.py) and compares
// it with the expected elements.
void compare_manifest(const QString& out) {
    auto store = std::make_shared<cs::DirectoryStore>((out + "/store").toStdString());
    const auto manifest = QJsonDocument::fromJson(read_file(out + "/manifest.json")).array();
    QVERIFY(!manifest.isEmpty());
    for (const auto& entry : manifest) {
        const QJsonObject o = entry.toObject();
        const std::string name = o["name"].toString().toStdString();
        for (bool whole_shards : {false, true}) {
            cs::Zarr3OpenOptions options;
            options.shards_as_chunks = whole_shards;
            auto array = cs::open_zarr_v3_array(store, name, options);
            QVERIFY2(array.has_value(), array ? "" : array.error().describe().c_str());
            auto got = cs::test::read_whole(**array);
            QVERIFY2(got.has_value(), (name + ": " + (got ? "" : got.error().describe())).c_str());
            const QByteArray expected = read_file(o["expected"].toString());
            QVERIFY2(std::size_t(expected.size()) == got->size(), name.c_str());
            QVERIFY2(std::memcmp(expected.data(), got->data(), got->size()) == 0, name.c_str());
        }
    }
}

}  // namespace

class TestZarr3Interop : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString node_modules_dir_;  // where zarrita is installed, "" when npm is unreachable
    QString npm_problem_;

    void need_zarrita() {
        if (node_modules_dir_.isEmpty()) QSKIP(qPrintable("zarrita unavailable: " + npm_problem_));
    }
    Ran node(const QStringList& args) { return run("node", args, node_modules_dir_, 120000); }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        const QString npm = QStandardPaths::findExecutable("npm");
        if (npm.isEmpty() || QStandardPaths::findExecutable("node").isEmpty()) {
            npm_problem_ = "node/npm not installed";
            return;
        }
        const QString dir = tmp_.path() + "/zarrita";
        QDir().mkpath(dir);
        const Ran install = run(
            npm, {"install", "--prefix", dir, "--no-audit", "--no-fund", "zarrita"}, dir, 240000);
        if (!install.ok) {
            npm_problem_ =
                "npm install zarrita failed (registry unreachable?): " + install.output.right(400);
            return;
        }
        for (const char* script : {"zarrita_write.mjs", "zarrita_read.mjs"})
            QVERIFY(QFile::copy(kFixtures + "/" + script, dir + "/" + script));
        node_modules_dir_ = dir;
    }

    void readsZarritaFixtures() {
        need_zarrita();
        const QString out = tmp_.path() + "/from_zarrita";
        const Ran w = node({"zarrita_write.mjs", out});
        QVERIFY2(w.ok, qPrintable(w.output));
        compare_manifest(out);

        auto store = std::make_shared<cs::DirectoryStore>((out + "/store").toStdString());
        auto c = cs::open_zarr_v3_container(store);
        QVERIFY2(c.has_value(), c ? "" : c.error().describe().c_str());
        auto kids = (*c)->children("");
        QVERIFY(kids.has_value());
        QVERIFY(std::any_of(kids->begin(), kids->end(), [](const cs::NodeSummary& s) {
            return s.name == "group" && s.kind == cs::NodeKind::Group;
        }));
        auto nested = (*c)->node("group/nested_int8");
        QVERIFY(nested.has_value());
        QCOMPARE(nested->kind, cs::NodeKind::Array);
        auto attrs = (*c)->attributes("group/nested_int8");
        QVERIFY(*attrs->find("case") == Json("group/nested_int8"));
        auto array = cs::open_zarr_v3_array(store, "group/nested_int8");
        QCOMPARE((*array)->meta().dimension_names, (std::vector<std::string>{"x"}));
    }

    void zarritaReadsOurArrays() {
        need_zarrita();
        const QString dir = tmp_.path() + "/from_chunkscope";
        auto store = std::make_shared<cs::DirectoryStore>(dir.toStdString());
        struct Case {
            std::string name;
            const char* dtype;
            cs::Shape shape, chunks;
            const char* codecs;
            std::optional<cs::Shape> inner;
            bool index_at_end = true;
            bool v2_keys = false;
            bool write_inner_chunks = false;
        };
        const char* le = R"([{"name": "bytes", "configuration": {"endian": "little"}}])";
        std::vector<Case> cases;
        for (const char* t : {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
                              "uint32", "uint64", "float32", "float64"})
            cases.push_back({std::string("dtype_") + t, t, {6, 5}, {4, 2}, le});
        cases.push_back({"big_endian_blosc",
                         "float64",
                         {13, 3},
                         {5, 3},
                         R"([{"name": "bytes", "configuration": {"endian": "big"}},
                             {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5,
                              "shuffle": "shuffle", "typesize": 8, "blocksize": 0}}])"});
        cases.push_back({"transpose_zstd",
                         "int32",
                         {4, 6, 5},
                         {3, 4, 2},
                         R"([{"name": "transpose", "configuration": {"order": [2, 0, 1]}},
                             {"name": "bytes", "configuration": {"endian": "little"}},
                             {"name": "zstd", "configuration": {"level": 3, "checksum": true}}])"});
        cases.push_back({"gzip_crc32c",
                         "uint16",
                         {9, 9},
                         {4, 4},
                         R"([{"name": "bytes", "configuration": {"endian": "little"}},
                             {"name": "gzip", "configuration": {"level": 5}}, {"name": "crc32c"}])"});
        cases.push_back({"v2_keys", "uint32", {5, 5}, {2, 2}, le, std::nullopt, true, true});
        cases.push_back({"sharded_end",
                         "int32",
                         {10, 7},
                         {4, 4},
                         R"([{"name": "bytes", "configuration": {"endian": "little"}},
                             {"name": "zstd", "configuration": {"level": 1, "checksum": false}}])",
                         cs::Shape{2, 2}});
        // zarrita reads shard indexes at the end only: index_location "start" is covered by
        // the unit tests and the spec writer's fixtures.
        cases.push_back({"sharded_transpose_blosc",
                         "float32",
                         {9, 11},
                         {6, 4},
                         R"([{"name": "transpose", "configuration": {"order": [1, 0]}},
                             {"name": "bytes", "configuration": {"endian": "big"}},
                             {"name": "blosc", "configuration": {"cname": "zstd", "clevel": 3,
                              "shuffle": "bitshuffle", "typesize": 4, "blocksize": 0}}])",
                         cs::Shape{3, 2}});
        cases.push_back({"group/sharded_inner_writes",
                         "uint8",
                         {8, 8},
                         {4, 8},
                         le,
                         cs::Shape{2, 4},
                         true,
                         false,
                         true});
        QStringList names;
        std::map<std::string, Bytes> written;
        for (const Case& c : cases) {
            cs::Zarr3CreateOptions o;
            o.shape = c.shape;
            o.chunks = c.chunks;
            o.dtype = v3_dtype(c.dtype);
            o.codecs = parse(c.codecs);
            o.inner_chunks = c.inner;
            o.index_at_end = c.index_at_end;
            o.v2_chunk_keys = c.v2_keys;
            cs::Zarr3OpenOptions open;
            open.shards_as_chunks = !c.write_inner_chunks;
            auto array = cs::create_zarr_v3_array(store, c.name, o, false, open);
            QVERIFY2(array.has_value(), array ? "" : array.error().describe().c_str());
            std::uint64_t n = 1;
            for (auto s : c.shape) n *= s;
            Bytes values = values_for(o.dtype, n);
            auto w = cs::test::write_whole(**array, values);
            QVERIFY2(w.has_value(), w ? "" : w.error().describe().c_str());
            written[c.name] = std::move(values);
            names << QString::fromStdString(c.name);
        }
        const QString out = tmp_.path() + "/read_by_zarrita";
        const Ran r = node(QStringList{"zarrita_read.mjs", dir, out} + names);
        QVERIFY2(r.ok, qPrintable(r.output));
        for (const auto& [name, values] : written) {
            const QString base = out + "/" + QString::fromStdString(name).replace("/", "__");
            const QByteArray got = read_file(base + ".bin");
            QVERIFY2(std::size_t(got.size()) == values.size(), name.c_str());
            QVERIFY2(std::memcmp(got.data(), values.data(), values.size()) == 0, name.c_str());
        }
    }

    void readsSpecWriterFixtures() {
        const QString out = tmp_.path() + "/from_spec_writer";
        const Ran w = run(CS_PYTHON, {kFixtures + "/spec_writer.py", out}, tmp_.path(), 120000);
        QVERIFY2(w.ok, qPrintable(w.output));
        compare_manifest(out);

        // The sparse fixture stores one inner chunk in one shard of four.
        auto store = std::make_shared<cs::DirectoryStore>((out + "/store").toStdString());
        auto sparse = cs::open_zarr_v3_array(store, "sharded_sparse_v2keys");
        QVERIFY(sparse.has_value());
        QString shards, chunks;
        for (const auto& f : (*sparse)->info()) {
            if (f.name == "Shards initialized") shards = QString::fromStdString(f.value);
            if (f.name == "Chunks initialized") chunks = QString::fromStdString(f.value);
        }
        QCOMPARE(shards, QString("1/4"));
        QCOMPARE(chunks, QString("1/16"));
        auto storage = cs::zarr3_shard_storage(**sparse);
        QVERIFY(storage.has_value());
        QCOMPARE(storage->at(0).key, std::string("sharded_sparse_v2keys/0.0"));
        QCOMPARE(storage->at(0).inner_chunks_present, std::uint64_t{1});
        QVERIFY(!storage->at(1).present);
    }

    void cliInfoShowsShardsAndCodecs() {
        const QString out = tmp_.path() + "/from_spec_writer";
        QVERIFY(QFile::exists(out + "/manifest.json"));
        if (!QFile::exists(CS_CLI_PATH)) QSKIP("chunkscope-cli is not built");
        const Ran info =
            run(CS_CLI_PATH, {"info", out + "/store/sharded_sparse_v2keys"}, tmp_.path(), 60000);
        QVERIFY2(info.ok, qPrintable(info.output));
        for (const char* line : {"Zarr format        : 3", "Shard shape        : (6, 6)",
                                 "Chunk shape        : (3, 3)", "Shards initialized : 1/4",
                                 "Chunks initialized : 1/16", "sharding_indexed"})
            QVERIFY2(info.output.contains(line), qPrintable(line + QString(" in\n") + info.output));

        // A folder with both zarr.json and .zarray is refused, with the folder named.
        const QString both = tmp_.path() + "/both.zarr";
        QVERIFY(QDir().mkpath(both));
        QVERIFY(QFile::copy(out + "/store/gzip_int32/zarr.json", both + "/zarr.json"));
        QFile v2(both + "/.zarray");
        QVERIFY(v2.open(QIODevice::WriteOnly));
        v2.write("{}");
        v2.close();
        const Ran refused = run(CS_CLI_PATH, {"info", both}, tmp_.path(), 60000);
        QVERIFY(!refused.ok);
        QVERIFY2(refused.output.contains("both zarr.json"), qPrintable(refused.output));
        QVERIFY2(refused.output.contains("both.zarr"), qPrintable(refused.output));
    }

    void zarritaAgreesWithSpecWriter() {
        need_zarrita();
        const QString out = tmp_.path() + "/from_spec_writer";
        QVERIFY(QFile::exists(out + "/manifest.json"));
        // Everything zarrita can read: not complex, float16 or raw types, and not shard indexes
        // at the start.
        const QStringList names{"gzip_int32",
                                "crc32c_float32",
                                "gzip_crc32c_uint16_be",
                                "bool_transpose",
                                "sharded_end_blosc",
                                "sharded_sparse_v2keys",
                                "group/sharded_3d_uint16"};
        const QString dumped = tmp_.path() + "/spec_read_by_zarrita";
        const Ran r = node(QStringList{"zarrita_read.mjs", out + "/store", dumped} + names);
        QVERIFY2(r.ok, qPrintable(r.output));
        for (const QString& name : names) {
            const QString file = QString(name).replace("/", "__") + ".bin";
            QCOMPARE(read_file(dumped + "/" + file), read_file(out + "/expected/" + file));
        }
    }
};

QTEST_GUILESS_MAIN(TestZarr3Interop)
#include "tst_zarr3_interop.moc"
