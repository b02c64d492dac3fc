// sharding_indexed: whole-shard and per-inner-chunk access agree, partial edge shards, empty
// inner chunks, index at start or end, ranged reads (only the index and the inner chunk), the
// shard accessors for the chunk map, and corrupt indexes (past the end, overlapping, bad crc).
#include <QtTest>

#include <cstring>

#include "core/store/memory_store.h"
#include "core/zarr/v3/zarr3.h"
#include "unit/tst_zarr3_util.h"

using cs::Bytes;
using cs::Json;
using cs::test::parse;

namespace {

// The shard tests' 10 x 7 array with fill value -1 and the index at either end.
cs::Zarr3CreateOptions sharded_options(bool index_at_end) {
    cs::Zarr3CreateOptions o = cs::test::sharded_10x7_int32();
    o.fill_value = Json(-1);
    o.index_at_end = index_at_end;
    return o;
}

// Values with a hole: rows 0-1, columns 4-5 hold the fill value (one empty inner chunk).
Bytes sample_values() {
    Bytes b(10 * 7 * 4);
    for (std::int32_t r = 0; r < 10; ++r)
        for (std::int32_t c = 0; c < 7; ++c) {
            std::int32_t v = (r < 2 && c >= 4 && c < 6) ? -1 : r * 100 + c;
            std::memcpy(b.data() + (r * 7 + c) * 4, &v, 4);
        }
    return b;
}

}  // namespace

class TestZarr3Sharding : public QObject {
    Q_OBJECT
private slots:
    void innerAndShardViewsAgree_data() {
        QTest::addColumn<bool>("index_at_end");
        QTest::addColumn<bool>("write_shards");
        QTest::newRow("end, write shards") << true << true;
        QTest::newRow("start, write shards") << false << true;
        QTest::newRow("end, write inner chunks") << true << false;
        QTest::newRow("start, write inner chunks") << false << false;
    }
    void innerAndShardViewsAgree() {
        QFETCH(bool, index_at_end);
        QFETCH(bool, write_shards);
        auto store = std::make_shared<cs::MemoryStore>();
        cs::Zarr3OpenOptions open;
        open.shards_as_chunks = write_shards;
        auto array =
            cs::create_zarr_v3_array(store, "g/a", sharded_options(index_at_end), false, open);
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        const Bytes values = sample_values();
        auto w = cs::test::write_whole(**array, values);
        QVERIFY2(w.has_value(), w ? "" : w.error().message.c_str());

        auto inner = cs::open_zarr_v3_array(store, "g/a");
        QVERIFY(inner.has_value());
        QCOMPARE((*inner)->meta().chunk_shape(), (cs::Shape{2, 2}));
        auto read_inner = cs::test::read_whole(**inner);
        QVERIFY2(read_inner.has_value(), read_inner ? "" : read_inner.error().message.c_str());
        QVERIFY(*read_inner == values);

        cs::Zarr3OpenOptions whole;
        whole.shards_as_chunks = true;
        auto shards = cs::open_zarr_v3_array(store, "g/a", whole);
        QVERIFY(shards.has_value());
        QCOMPARE((*shards)->meta().chunk_shape(), (cs::Shape{4, 4}));
        auto read_shards = cs::test::read_whole(**shards);
        QVERIFY(read_shards.has_value());
        QVERIFY(*read_shards == values);

        // Inner chunk (0, 2) is all fill value: absent when written as a whole shard.
        auto storage = (*inner)->chunk_storage();
        QVERIFY(storage.has_value());
        QCOMPARE(storage->size(), std::size_t{5 * 4});
        QCOMPARE(storage->at(2).key, std::string("c/0/1"));
        if (write_shards) QVERIFY(!storage->at(2).present);
        QVERIFY(storage->at(0).present);

        auto layout = cs::zarr3_shard_layout(**inner);
        QVERIFY(layout.has_value());
        QCOMPARE(layout->shard_grid_shape, (cs::Shape{3, 2}));
        QCOMPARE(layout->chunks_per_shard, (cs::Shape{2, 2}));
        QCOMPARE(layout->index_at_end, index_at_end);
        auto shard_storage = cs::zarr3_shard_storage(**inner);
        QVERIFY(shard_storage.has_value());
        QCOMPARE(shard_storage->size(), std::size_t{6});
        QVERIFY(std::all_of(shard_storage->begin(), shard_storage->end(),
                            [](const auto& s) { return s.present; }));
        if (write_shards) QCOMPARE(shard_storage->at(1).inner_chunks_present, std::uint64_t{3});

        bool saw_shards = false;
        for (const auto& f : (*inner)->info()) {
            if (f.name == "Shards initialized") {
                QCOMPARE(QString::fromStdString(f.value), QString("6/6"));
                saw_shards = true;
            }
            if (f.name == "Shard shape")
                QCOMPARE(QString::fromStdString(f.value), QString("(4, 4)"));
            if (f.name == "Chunk shape")
                QCOMPARE(QString::fromStdString(f.value), QString("(2, 2)"));
            if (f.name == "Chunks initialized" && write_shards)
                QCOMPARE(QString::fromStdString(f.value), QString("19/20"));
        }
        QVERIFY(saw_shards);
    }

    void readsOnlyTheIndexAndTheInnerChunk() {
        auto memory = std::make_shared<cs::MemoryStore>();
        cs::Zarr3OpenOptions whole;
        whole.shards_as_chunks = true;
        auto o = sharded_options(true);
        o.codecs = parse(R"([{"name": "bytes", "configuration": {"endian": "little"}}])");
        auto array = cs::create_zarr_v3_array(memory, "", o, false, whole);
        QVERIFY(array.has_value());
        QVERIFY(cs::test::write_whole(**array, sample_values()).has_value());

        auto counting = std::make_shared<cs::test::CountingStore>(memory);
        auto inner = cs::open_zarr_v3_array(counting, "");
        QVERIFY(inner.has_value());
        counting->bytes_read = 0;
        cs::ReadStats stats;
        const std::uint64_t coords[2] = {1, 1};
        auto chunk = (*inner)->read_stored_chunk(coords, &stats);
        QVERIFY(chunk.has_value() && chunk->has_value());
        const std::uint64_t index_bytes = 4 * 16 + 4;
        QCOMPARE(std::uint64_t(counting->bytes_read), index_bytes + 16);
        QCOMPARE(stats.stored_bytes, index_bytes + 16);
        QCOMPARE(std::uint64_t(counting->whole_gets), std::uint64_t{0});
        // The index is cached: the next inner chunk of that shard costs only its own bytes.
        const std::uint64_t next[2] = {1, 0};
        QVERIFY((*inner)->read_stored_chunk(next).has_value());
        QCOMPARE(std::uint64_t(counting->bytes_read), index_bytes + 32);
    }

    void containerOpensWithTheChosenTaskGranularity() {
        auto store = std::make_shared<cs::MemoryStore>();
        QVERIFY(cs::create_zarr_v3_array(store, "a", sharded_options(true)).has_value());
        auto inner = cs::open_zarr_v3_container(store);
        QVERIFY(inner.has_value());
        QCOMPARE((*(*inner)->open_array("a"))->meta().chunk_shape(), (cs::Shape{2, 2}));
        cs::Zarr3OpenOptions whole;
        whole.shards_as_chunks = true;
        auto shards = cs::open_zarr_v3_container(store, whole);
        QVERIFY(shards.has_value());
        auto array = (*shards)->open_array("a");
        QCOMPARE((*array)->meta().chunk_shape(), (cs::Shape{4, 4}));
        QVERIFY(cs::zarr3_shard_layout(**array)->chunks_are_shards);
        // The node summary shows the inner chunk shape either way.
        QCOMPARE((*shards)->node("a")->chunk_shape, (cs::Shape{2, 2}));
    }

    void shardingWrappedByAnotherCodecReadsWholeShards() {
        auto store = std::make_shared<cs::MemoryStore>();
        cs::Zarr3CreateOptions o = sharded_options(true);
        o.inner_chunks.reset();
        o.codecs = parse(R"([{"name": "sharding_indexed", "configuration": {
            "chunk_shape": [2, 2],
            "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}],
            "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}}]}},
            {"name": "crc32c"}])");
        auto array = cs::create_zarr_v3_array(store, "", o);
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        QCOMPARE((*array)->meta().chunk_shape(), (cs::Shape{4, 4}));
        QVERIFY(!cs::zarr3_shard_layout(**array).has_value());
        const Bytes values = sample_values();
        QVERIFY(cs::test::write_whole(**array, values).has_value());
        auto again = cs::open_zarr_v3_array(store, "");
        auto read = cs::test::read_whole(**again);
        QVERIFY2(read.has_value(), read ? "" : read.error().message.c_str());
        QVERIFY(*read == values);
    }

    void absentShardReadsAsFill() {
        auto store = std::make_shared<cs::MemoryStore>();
        auto array = cs::create_zarr_v3_array(store, "", sharded_options(true));
        QVERIFY(array.has_value());
        const std::uint64_t coords[2] = {4, 3};
        auto chunk = (*array)->read_chunk(coords);
        QVERIFY(chunk.has_value());
        std::int32_t v = 0;
        std::memcpy(&v, chunk->data(), 4);
        QCOMPARE(v, -1);
    }

    void corruptIndexes_data() {
        QTest::addColumn<int>("entry");
        QTest::addColumn<quint64>("offset");
        QTest::addColumn<quint64>("nbytes");
        QTest::addColumn<QString>("needle");
        QTest::newRow("past the end") << 0 << quint64(10) << quint64(1000000) << "past the end";
        QTest::newRow("overlap") << 1 << quint64(0) << quint64(8) << "overlap";
        QTest::newRow("half empty") << 0 << quint64(~0ull) << quint64(4) << "past the end";
    }
    void corruptIndexes() {
        QFETCH(int, entry);
        QFETCH(quint64, offset);
        QFETCH(quint64, nbytes);
        QFETCH(QString, needle);
        auto store = std::make_shared<cs::MemoryStore>();
        auto o = sharded_options(true);
        o.codecs = parse(R"([{"name": "bytes", "configuration": {"endian": "little"}}])");
        o.index_codecs = parse(R"([{"name": "bytes", "configuration": {"endian": "little"}}])");
        cs::Zarr3OpenOptions whole;
        whole.shards_as_chunks = true;
        auto array = cs::create_zarr_v3_array(store, "", o, false, whole);
        QVERIFY(cs::test::write_whole(**array, sample_values()).has_value());
        auto got = store->get("c/0/0");
        QVERIFY(got && *got);
        Bytes shard = **got;
        const std::size_t index_at = shard.size() - 4 * 16;
        std::uint64_t pair[2] = {offset, nbytes};
        std::memcpy(shard.data() + index_at + entry * 16, pair, 16);
        QVERIFY(store->set("c/0/0", shard).has_value());

        auto inner = cs::open_zarr_v3_array(store, "");
        const std::uint64_t coords[2] = {0, 0};
        auto chunk = (*inner)->read_chunk(coords);
        QVERIFY(!chunk.has_value());
        QCOMPARE(chunk.error().code, cs::ErrorCode::Corrupt);
        QVERIFY2(chunk.error().message.find(needle.toStdString()) != std::string::npos,
                 chunk.error().message.c_str());
        QVERIFY(chunk.error().message.find("c/0/0") != std::string::npos);
        auto whole_read = cs::open_zarr_v3_array(store, "", whole);
        QVERIFY(!(*whole_read)->read_chunk(coords).has_value());
    }

    void indexChecksumMismatch() {
        auto store = std::make_shared<cs::MemoryStore>();
        cs::Zarr3OpenOptions whole;
        whole.shards_as_chunks = true;
        auto array = cs::create_zarr_v3_array(store, "", sharded_options(false), false, whole);
        QVERIFY(cs::test::write_whole(**array, sample_values()).has_value());
        auto got = store->get("c/1/1");
        QVERIFY(got && *got);
        Bytes shard = **got;
        shard[3] ^= 0x10;  // inside the index at the start
        QVERIFY(store->set("c/1/1", shard).has_value());
        auto inner = cs::open_zarr_v3_array(store, "");
        const std::uint64_t coords[2] = {2, 2};
        auto chunk = (*inner)->read_chunk(coords);
        QVERIFY(!chunk.has_value());
        QVERIFY2(chunk.error().message.find("crc32c mismatch") != std::string::npos,
                 chunk.error().message.c_str());
    }

    void truncatedShardIsAnError() {
        auto store = std::make_shared<cs::MemoryStore>();
        QVERIFY(cs::create_zarr_v3_array(store, "", sharded_options(true)).has_value());
        QVERIFY(store->set("c/0/0", cs::as_bytes("short")).has_value());
        auto inner = cs::open_zarr_v3_array(store, "");
        const std::uint64_t coords[2] = {0, 0};
        auto chunk = (*inner)->read_chunk(coords);
        QVERIFY(!chunk.has_value());
        QVERIFY(chunk.error().message.find("shorter than its") != std::string::npos);
    }

    void rejectsBadShardingConfigs() {
        auto store = std::make_shared<cs::MemoryStore>();
        auto o = sharded_options(true);
        o.inner_chunks = cs::Shape{3, 2};  // does not divide the 4 x 4 shard
        auto a = cs::create_zarr_v3_array(store, "", o);
        QVERIFY(!a.has_value());
        QVERIFY(a.error().message.find("does not divide") != std::string::npos);
        o = sharded_options(true);
        o.index_codecs = parse(R"([{"name": "bytes", "configuration": {"endian": "little"}},
                                  {"name": "gzip", "configuration": {"level": 1}}])");
        a = cs::create_zarr_v3_array(store, "", o);
        QVERIFY(!a.has_value());
        QVERIFY(a.error().message.find("fixed encoded size") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestZarr3Sharding)
#include "tst_zarr3_sharding.moc"
