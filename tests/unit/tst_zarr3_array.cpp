// Unsharded v3 arrays through the ChunkedArray interface, on a real folder: both chunk key
// encodings, codec chains, 0-d arrays, the hierarchy (explicit, implicit, consolidated groups),
// and the node-level errors (zarr.json beside .zarray, missing metadata).
#include <QtTest>

#include <QTemporaryDir>
#include <cstring>

#include "core/store/directory_store.h"
#include "core/store/memory_store.h"
#include "core/zarr/v3/zarr3.h"
#include "unit/tst_zarr3_util.h"

using cs::Bytes;
using cs::Json;
using cs::test::parse;

namespace {

Bytes float64_ramp(std::size_t n) {
    Bytes b(n * 8);
    for (std::size_t i = 0; i < n; ++i) {
        double v = static_cast<double>(i) * 0.5 - 3;
        std::memcpy(b.data() + i * 8, &v, 8);
    }
    return b;
}

}  // namespace

class TestZarr3Array : public QObject {
    Q_OBJECT
private slots:
    void writesAndReadsBack_data() {
        QTest::addColumn<bool>("v2_keys");
        QTest::addColumn<char>("separator");
        QTest::addColumn<QString>("codecs");
        QTest::addColumn<QString>("first_key");
        QTest::newRow("default /")
            << false << '/' << R"([{"name": "bytes", "configuration": {"endian": "little"}}])"
            << "arr/c/0/0";
        QTest::newRow("default .")
            << false << '.'
            << R"([{"name": "bytes", "configuration": {"endian": "big"}}, {"name": "gzip", "configuration": {"level": 1}}])"
            << "arr/c.0.0";
        QTest::newRow("v2 .")
            << true << '.'
            << R"([{"name": "transpose", "configuration": {"order": [1, 0]}}, {"name": "bytes", "configuration": {"endian": "little"}}, {"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 8, "blocksize": 0}}])"
            << "arr/0.0";
        QTest::newRow("v2 /")
            << true << '/'
            << R"([{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "zstd", "configuration": {"level": 3, "checksum": true}}, {"name": "crc32c"}])"
            << "arr/0/0";
    }
    void writesAndReadsBack() {
        QFETCH(bool, v2_keys);
        QFETCH(char, separator);
        QFETCH(QString, codecs);
        QFETCH(QString, first_key);
        QTemporaryDir dir;
        auto store = std::make_shared<cs::DirectoryStore>(dir.path().toStdString());
        cs::Zarr3CreateOptions o;
        o.shape = {9, 5};
        o.chunks = {4, 3};
        o.dtype = cs::DType::scalar(cs::ScalarType::F64);
        o.codecs = parse(codecs.toStdString());
        o.v2_chunk_keys = v2_keys;
        o.separator = separator;
        o.fill_value = Json("NaN");
        o.dimension_names = {"time", "x"};
        o.attributes["units"] = Json("K");
        auto array = cs::create_zarr_v3_array(store, "arr", o);
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        const Bytes values = float64_ramp(45);
        QVERIFY(cs::test::write_whole(**array, values).has_value());
        QVERIFY(QFile::exists(dir.path() + "/" + first_key));
        QVERIFY(QFile::exists(dir.path() + "/zarr.json"));  // the parent group was created

        auto again = cs::open_zarr_v3_array(store, "arr");
        QVERIFY2(again.has_value(), again ? "" : again.error().message.c_str());
        auto read = cs::test::read_whole(**again);
        QVERIFY2(read.has_value(), read ? "" : read.error().message.c_str());
        QVERIFY(*read == values);
        QCOMPARE((*again)->meta().dimension_names, (std::vector<std::string>{"time", "x"}));
        QVERIFY(*(*again)->meta().attributes.find("units") == Json("K"));
        auto storage = (*again)->chunk_storage();
        QVERIFY(storage.has_value());
        QCOMPARE(storage->size(), std::size_t{6});
        QVERIFY(std::all_of(storage->begin(), storage->end(), [](auto& c) { return c.present; }));
        bool saw = false;
        for (const auto& f : (*again)->info())
            if (f.name == "Chunks initialized") {
                QCOMPARE(QString::fromStdString(f.value), QString("6/6"));
                saw = true;
            }
        QVERIFY(saw);
    }

    void zeroDimensionalArray() {
        auto store = std::make_shared<cs::MemoryStore>();
        cs::Zarr3CreateOptions o;
        o.dtype = cs::DType::scalar(cs::ScalarType::I16);
        o.fill_value = Json(7);
        auto array = cs::create_zarr_v3_array(store, "", o);
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        auto fill = (*array)->read_chunk({});
        QVERIFY(fill.has_value());
        QCOMPARE(int((*fill)[0]), 7);
        const Bytes v{0x34, 0x12};
        QVERIFY((*array)->write_chunk({}, v).has_value());
        QVERIFY(*store->exists("c"));
        QVERIFY(*(*array)->read_chunk({}) == v);
    }

    void hierarchy() {
        auto store = std::make_shared<cs::MemoryStore>();
        QVERIFY(cs::create_zarr_v3_group(store, "", parse(R"({"title": "root"})")).has_value());
        cs::Zarr3CreateOptions o;
        o.shape = {4};
        o.chunks = {2};
        o.dtype = cs::DType::scalar(cs::ScalarType::U8);
        QVERIFY(cs::create_zarr_v3_array(store, "explicit/a", o).has_value());
        // An implicit group: "implicit" has no zarr.json, only a node below it.
        QVERIFY(store->set("implicit/b/zarr.json", *store->get("explicit/a/zarr.json").value())
                    .has_value());
        QVERIFY(store->set("implicit/b/c/0", Bytes{1, 2}).has_value());
        auto c = cs::open_zarr_v3_container(store);
        QVERIFY2(c.has_value(), c ? "" : c.error().message.c_str());
        QCOMPARE(QString::fromStdString((*c)->format()), QString("Zarr v3"));
        auto kids = (*c)->children("");
        QVERIFY2(kids.has_value(), kids ? "" : kids.error().message.c_str());
        QCOMPARE(kids->size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(kids->at(0).name), QString("explicit"));
        QVERIFY(!kids->at(0).implicit);
        QCOMPARE(QString::fromStdString(kids->at(1).name), QString("implicit"));
        QVERIFY(kids->at(1).implicit);
        auto arrays = (*c)->children("implicit");
        QVERIFY(arrays.has_value());
        QCOMPARE(arrays->size(), std::size_t{1});
        QCOMPARE(arrays->at(0).kind, cs::NodeKind::Array);
        QCOMPARE(arrays->at(0).stored_bytes.value_or(0), std::uint64_t{2});
        QCOMPARE(QString::fromStdString(arrays->at(0).dtype), QString("uint8"));
        auto attrs = (*c)->attributes("");
        QVERIFY(*attrs->find("title") == Json("root"));
        QVERIFY((*c)->open_array("explicit/a").has_value());
        auto missing = (*c)->node("nothing");
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, cs::ErrorCode::NotFound);
    }

    void consolidatedMetadataDescribesNodes() {
        auto store = std::make_shared<cs::MemoryStore>();
        const std::string root = R"({"zarr_format": 3, "node_type": "group", "attributes": {},
            "consolidated_metadata": {"kind": "inline", "must_understand": false, "metadata": {
              "sub": {"zarr_format": 3, "node_type": "group", "attributes": {"from": "consolidated"}}}}})";
        QVERIFY(store->set("zarr.json", cs::as_bytes(root)).has_value());
        QVERIFY(
            store
                ->set(
                    "sub/zarr.json",
                    cs::as_bytes(
                        R"({"zarr_format": 3, "node_type": "group", "attributes": {"from": "file"}})"))
                .has_value());
        auto c = cs::open_zarr_v3_container(store);
        QVERIFY(c.has_value());
        auto attrs = (*c)->attributes("sub");
        QVERIFY(attrs.has_value());
        QVERIFY(*attrs->find("from") == Json("consolidated"));
    }

    void rejectsAmbiguousAndMissingNodes() {
        auto store = std::make_shared<cs::MemoryStore>();
        cs::Zarr3CreateOptions o;
        o.shape = {4};
        o.chunks = {2};
        o.dtype = cs::DType::scalar(cs::ScalarType::U8);
        QVERIFY(cs::create_zarr_v3_array(store, "a", o).has_value());
        QVERIFY(store->set("a/.zarray", cs::as_bytes("{}")).has_value());
        auto both = cs::open_zarr_v3_array(store, "a");
        QVERIFY(!both.has_value());
        QVERIFY2(both.error().message.find("both zarr.json and .zarray") != std::string::npos,
                 both.error().message.c_str());
        auto none = cs::open_zarr_v3_array(store, "b");
        QVERIFY(!none.has_value());
        QCOMPARE(none.error().code, cs::ErrorCode::NotFound);
        QVERIFY(none.error().message.find("b/zarr.json") != std::string::npos);
        QVERIFY(!cs::create_zarr_v3_array(store, "a", o).has_value());       // exists
        QVERIFY(cs::create_zarr_v3_array(store, "a", o, true).has_value());  // overwrite
        QVERIFY(!*store->exists("a/.zarray"));

        QVERIFY(store->set("zarr.json", cs::as_bytes("{not json")).has_value());
        auto broken = cs::open_zarr_v3_container(store);
        QVERIFY(!broken.has_value());
    }

    void hugeChunksAreRefusedNotAllocated() {
        auto store = std::make_shared<cs::MemoryStore>();
        const std::string doc = R"({"zarr_format": 3, "node_type": "array",
            "shape": [4000000000000], "data_type": "float64",
            "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [4000000000000]}},
            "chunk_key_encoding": {"name": "default"}, "fill_value": 0,
            "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}]})";
        QVERIFY(store->set("zarr.json", cs::as_bytes(doc)).has_value());
        auto a = cs::open_zarr_v3_array(store, "");
        QVERIFY(!a.has_value());
        QCOMPARE(a.error().code, cs::ErrorCode::Unsupported);
        QVERIFY2(a.error().message.find("larger than") != std::string::npos,
                 a.error().message.c_str());
    }

    void outOfGridCoordinatesAreAnError() {
        auto store = std::make_shared<cs::MemoryStore>();
        cs::Zarr3CreateOptions o;
        o.shape = {4};
        o.chunks = {2};
        o.dtype = cs::DType::scalar(cs::ScalarType::U8);
        auto a = cs::create_zarr_v3_array(store, "", o);
        const std::uint64_t c[1] = {2};
        QVERIFY(!(*a)->read_chunk(c).has_value());
        const std::uint64_t c2[2] = {0, 0};
        QVERIFY(!(*a)->read_chunk(c2).has_value());
    }
};

QTEST_GUILESS_MAIN(TestZarr3Array)
#include "tst_zarr3_array.moc"
