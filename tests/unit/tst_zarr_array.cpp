// ZarrArray over a MemoryStore: chunk keys, C/F order, fill values for missing chunks, edge
// chunks, 0-d and zero-length arrays, the codec chain, info(), and every bad-input error.
#include <QtTest>

#include <cstring>
#include <numeric>

#include "core/store/memory_store.h"
#include "core/zarr/zarr.h"
#include "core/zarr/zarr_array.h"
#include "core/zarr/zarr_metadata.h"

using namespace cs;

namespace {

ZarrCreateOptions int32_options(Shape shape, Shape chunks) {
    ZarrCreateOptions o;
    o.shape = std::move(shape);
    o.chunks = std::move(chunks);
    o.dtype = *DType::from_numpy(Json("<i4"));
    o.fill_value = Json(-1);
    return o;
}

Bytes int32_bytes(const std::vector<std::int32_t>& v) {
    Bytes b(v.size() * 4);
    std::memcpy(b.data(), v.data(), b.size());
    return b;
}

std::vector<std::int32_t> as_int32(const Bytes& b) {
    std::vector<std::int32_t> v(b.size() / 4);
    std::memcpy(v.data(), b.data(), b.size());
    return v;
}

QString message(const Error& e) {
    return QString::fromStdString(e.message);
}

}  // namespace

class TestZarrArray : public QObject {
    Q_OBJECT
private slots:
    void writesAndReadsChunksInCOrder() {
        auto store = std::make_shared<MemoryStore>();
        auto array = create_zarr_array(store, "g/a", int32_options({3, 5}, {2, 3}));
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        QVERIFY((*array)->writable());
        // Parent group created like zarr-python does.
        QVERIFY(*store->exists(".zgroup"));
        QVERIFY(*store->exists("g/.zgroup"));
        QVERIFY(*store->exists("g/a/.zarray"));

        std::vector<std::int32_t> values(6);
        std::iota(values.begin(), values.end(), 10);
        const std::uint64_t c01[] = {0, 1};
        QVERIFY((*array)->write_chunk(c01, int32_bytes(values)).has_value());
        QVERIFY(*store->exists("g/a/0.1"));

        auto read = (*array)->read_chunk(c01);
        QVERIFY(read.has_value());
        QCOMPARE(as_int32(*read), values);

        // Missing chunk: fill value everywhere, including the edge chunk's padding.
        const std::uint64_t c11[] = {1, 1};
        auto missing = (*array)->read_chunk(c11);
        QVERIFY(missing.has_value());
        QCOMPARE(as_int32(*missing), std::vector<std::int32_t>(6, -1));

        auto storage = (*array)->chunk_storage();
        QVERIFY(storage.has_value());
        QCOMPARE(storage->size(), std::size_t{4});
        QCOMPARE((*storage)[1].key, std::string("g/a/0.1"));
        QVERIFY((*storage)[1].present);
        QVERIFY(!(*storage)[3].present);
    }

    void fortranOrderChunksAreTransposed() {
        auto store = std::make_shared<MemoryStore>();
        auto o = int32_options({2, 3}, {2, 3});
        o.order = 'F';
        auto array = create_zarr_array(store, "f", o);
        QVERIFY(array.has_value());
        const std::uint64_t c00[] = {0, 0};
        QVERIFY((*array)->write_chunk(c00, int32_bytes({0, 1, 2, 3, 4, 5})).has_value());
        auto stored = store->get("f/0.0");
        QVERIFY(stored.has_value() && stored->has_value());
        // Column-major on disk: (0,0) (1,0) (0,1) (1,1) (0,2) (1,2).
        QCOMPARE(as_int32(**stored), (std::vector<std::int32_t>{0, 3, 1, 4, 2, 5}));
        auto read = (*array)->read_chunk(c00);
        QVERIFY(read.has_value());
        QCOMPARE(as_int32(*read), (std::vector<std::int32_t>{0, 1, 2, 3, 4, 5}));
    }

    void nestedSeparatorAndCompressor() {
        auto store = std::make_shared<MemoryStore>();
        auto o = int32_options({4, 4}, {2, 2});
        o.dimension_separator = std::string(1, '/');  // GCC 12 -Wrestrict false positive on = "/"
        o.compressor = *parse_json(R"({"id": "zlib", "level": 1})", "t");
        auto array = create_zarr_array(store, "n", o);
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        const std::uint64_t c10[] = {1, 0};
        QVERIFY((*array)->write_chunk(c10, int32_bytes({7, 8, 9, 10})).has_value());
        QVERIFY(*store->exists("n/1/0"));
        auto reopened = open_zarr_array(store, "n");
        QVERIFY(reopened.has_value());
        auto read = (*reopened)->read_chunk(c10);
        QVERIFY(read.has_value());
        QCOMPARE(as_int32(*read), (std::vector<std::int32_t>{7, 8, 9, 10}));
        QCOMPARE((*reopened)->meta().codecs.size(), std::size_t{1});
        const auto zarray = store->get("n/.zarray");
        QVERIFY(QByteArray(reinterpret_cast<const char*>((*zarray)->data()), int((*zarray)->size()))
                    .contains("\"dimension_separator\": \"/\""));
    }

    void zeroDimensionalAndZeroLength() {
        auto store = std::make_shared<MemoryStore>();
        auto scalar = create_zarr_array(store, "s", int32_options({}, {}));
        QVERIFY(scalar.has_value());
        QCOMPARE((*scalar)->meta().grid.num_chunks(), std::uint64_t{1});
        QVERIFY((*scalar)->write_chunk({}, int32_bytes({42})).has_value());
        QVERIFY(*store->exists("s/0"));
        auto read = (*scalar)->read_chunk({});
        QVERIFY(read.has_value());
        QCOMPARE(as_int32(*read), std::vector<std::int32_t>{42});

        auto empty = create_zarr_array(store, "e", int32_options({0, 4}, {1, 2}));
        QVERIFY(empty.has_value());
        QCOMPARE((*empty)->meta().grid.num_chunks(), std::uint64_t{0});
        auto storage = (*empty)->chunk_storage();
        QVERIFY(storage.has_value() && storage->empty());
    }

    void infoMatchesZarrPythonFields() {
        auto store = std::make_shared<MemoryStore>();
        auto o = int32_options({100, 100}, {30, 30});
        o.compressor = *parse_json(
            R"({"blocksize": 0, "clevel": 5, "cname": "lz4", "id": "blosc", "shuffle": 1})", "t");
        auto array = create_zarr_array(store, "", o);
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        const auto info = (*array)->info();
        QStringList names;
        for (const auto& f : info) names << QString::fromStdString(f.name);
        QCOMPARE(names,
                 (QStringList{"Type", "Data type", "Shape", "Chunk shape", "Order", "Read-only",
                              "Compressor", "Store type", "No. bytes", "No. bytes stored",
                              "Storage ratio", "Chunks initialized", "Fill value", "Attributes"}));
        QCOMPARE(info[1].value, std::string("int32"));
        QCOMPARE(info[2].value, std::string("(100, 100)"));
        QCOMPARE(info[6].value,
                 std::string("Blosc(cname='lz4', clevel=5, shuffle=SHUFFLE, blocksize=0)"));
        QCOMPARE(info[7].value, std::string("zarr.storage.MemoryStore"));
        QCOMPARE(info[8].value, std::string("40000 (39.1K)"));
        QCOMPARE(info[11].value, std::string("0/16"));
    }

    void rejectsBadChunks() {
        auto store = std::make_shared<MemoryStore>();
        auto array = create_zarr_array(store, "a", int32_options({4}, {2}));
        QVERIFY(array.has_value());
        // Uncompressed chunk of the wrong size.
        QVERIFY(store->set("a/0", as_bytes("abc")).has_value());
        const std::uint64_t c0[] = {0};
        auto r = (*array)->read_chunk(c0);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
        QVERIFY2(message(r.error()).contains("a/0"), qPrintable(message(r.error())));
        // Coordinates outside the grid.
        const std::uint64_t c9[] = {9};
        auto out = (*array)->read_chunk(c9);
        QVERIFY(!out.has_value());
        QCOMPARE(out.error().code, ErrorCode::InvalidArgument);
        // Wrong element count to encode.
        auto w = (*array)->write_chunk(c0, as_bytes("x"));
        QVERIFY(!w.has_value());

        // Garbage in a zlib chunk.
        auto o = int32_options({4}, {2});
        o.compressor = *parse_json(R"({"id": "zlib", "level": 1})", "t");
        auto z = create_zarr_array(store, "z", o);
        QVERIFY(z.has_value());
        QVERIFY(store->set("z/1", as_bytes("definitely not zlib")).has_value());
        const std::uint64_t c1[] = {1};
        auto g = (*z)->read_chunk(c1);
        QVERIFY(!g.has_value());
        QVERIFY2(message(g.error()).contains("z/1"), qPrintable(message(g.error())));
    }

    void rejectsBadArrays() {
        auto store = std::make_shared<MemoryStore>();
        auto missing = open_zarr_array(store, "nothing");
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY(message(missing.error()).contains("nothing/.zarray"));

        QVERIFY(store->set("bad/.zarray", as_bytes("{not json")).has_value());
        auto bad = open_zarr_array(store, "bad");
        QVERIFY(!bad.has_value());
        QVERIFY(message(bad.error()).contains("bad/.zarray"));

        QVERIFY(store
                    ->set("codec/.zarray",
                          as_bytes(R"({"chunks": [2], "compressor": {"id": "nosuchcodec"},
                                        "dtype": "<i4", "fill_value": 0, "filters": null,
                                        "order": "C", "shape": [4], "zarr_format": 2})"))
                    .has_value());
        auto codec = open_zarr_array(store, "codec");
        QVERIFY(!codec.has_value());
        QCOMPARE(codec.error().code, ErrorCode::Unsupported);
        QVERIFY2(message(codec.error()).contains("codec/.zarray"),
                 qPrintable(message(codec.error())));

        // Creating over an existing array needs overwrite; a path may not leave the store.
        QVERIFY(create_zarr_array(store, "x", int32_options({2}, {2})).has_value());
        auto again = create_zarr_array(store, "x", int32_options({2}, {2}));
        QVERIFY(!again.has_value());
        QVERIFY(create_zarr_array(store, "x", int32_options({3}, {2}), true).has_value());
        auto escape = create_zarr_array(store, "../up", int32_options({2}, {2}));
        QVERIFY(!escape.has_value());
        QCOMPARE(escape.error().code, ErrorCode::InvalidArgument);
        auto rank = create_zarr_array(store, "r", int32_options({2, 2}, {2}));
        QVERIFY(!rank.has_value());
    }
};

QTEST_GUILESS_MAIN(TestZarrArray)
#include "tst_zarr_array.moc"
