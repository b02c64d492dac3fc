// Bad input on disk: every case must give a clear error naming the file or key, never a crash
// and never an allocation beyond the chunk's size. Stores are real folders (DirectoryStore).
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

#include "core/codec/codec.h"
#include "core/store/directory_store.h"
#include "core/zarr/zarr.h"

using namespace cs;

namespace {

constexpr const char* kBloscZarray = R"({
    "chunks": [4], "compressor": {"blocksize": 0, "clevel": 5, "cname": "lz4", "id": "blosc",
    "shuffle": 1}, "dtype": "<i4", "fill_value": 0, "filters": null, "order": "C",
    "shape": [8], "zarr_format": 2})";

QString text(const Error& e) {
    return QString::fromStdString(e.message);
}

Bytes blosc_of(std::size_t n_int32) {
    std::vector<std::int32_t> v(n_int32, 7);
    auto codec = make_codec(*parse_json(R"({"id": "blosc", "cname": "lz4", "clevel": 5,
                                           "shuffle": 1, "blocksize": 0})",
                                        "t"),
                            4);
    if (!codec) qFatal("%s", codec.error().message.c_str());
    auto out =
        (*codec)->encode(ByteSpan(reinterpret_cast<const std::uint8_t*>(v.data()), v.size() * 4));
    if (!out) qFatal("%s", out.error().message.c_str());
    return *out;
}

}  // namespace

class TestZarrBadInput : public QObject {
    Q_OBJECT
private slots:
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dir_->isValid());
        store_ = std::make_shared<DirectoryStore>(dir_->path().toStdString());
        QVERIFY(store_->set("a/.zarray", as_bytes(kBloscZarray)).has_value());
    }

    // Reads chunk 0 of array "a" and expects an error that names the chunk file.
    void expectChunkError(const Bytes& chunk, ErrorCode code) {
        QVERIFY(store_->set("a/0", chunk).has_value());
        auto array = open_zarr_array(store_, "a");
        QVERIFY2(array.has_value(), array ? "" : array.error().message.c_str());
        const std::uint64_t c0[] = {0};
        auto r = (*array)->read_chunk(c0);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, code);
        QVERIFY2(text(r.error()).contains("a/0"), qPrintable(text(r.error())));
    }

    void validChunkReads() {
        QVERIFY(store_->set("a/0", blosc_of(4)).has_value());
        auto array = open_zarr_array(store_, "a");
        QVERIFY(array.has_value());
        const std::uint64_t c0[] = {0};
        auto r = (*array)->read_chunk(c0);
        QVERIFY(r.has_value());
        QCOMPARE(r->size(), std::size_t{16});
    }

    void chunkOfWrongDecodedSize() { expectChunkError(blosc_of(3), ErrorCode::Corrupt); }

    void truncatedChunk() {
        Bytes chunk = blosc_of(4);
        chunk.resize(chunk.size() - 5);
        expectChunkError(chunk, ErrorCode::Corrupt);
    }

    void garbageChunk() {
        expectChunkError(to_bytes("this is no blosc frame at all!!"), ErrorCode::Corrupt);
    }

    void headerClaimsHugeSize() {
        Bytes chunk = blosc_of(4);
        // Blosc header bytes 4..7: uncompressed size, little-endian. Claim 2 GiB - 1.
        const std::uint32_t huge = 0x7fffffff;
        std::memcpy(chunk.data() + 4, &huge, 4);
        expectChunkError(chunk, ErrorCode::Corrupt);
    }

    void malformedAndMissingMetadata() {
        QVERIFY(
            store_->set("m/.zarray", as_bytes("{\"zarr_format\": 2, \"shape\": [")).has_value());
        auto malformed = open_zarr_array(store_, "m");
        QVERIFY(!malformed.has_value());
        QVERIFY2(text(malformed.error()).contains("m/.zarray"),
                 qPrintable(text(malformed.error())));

        auto missing = open_zarr_array(store_, "nothing/here");
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY(text(missing.error()).contains("nothing/here/.zarray"));

        QVERIFY(store_
                    ->set("dt/.zarray",
                          as_bytes(QByteArray(kBloscZarray).replace("<i4", "<q9").toStdString()))
                    .has_value());
        auto dtype = open_zarr_array(store_, "dt");
        QVERIFY(!dtype.has_value());
        QCOMPARE(dtype.error().code, ErrorCode::Unsupported);
        QVERIFY2(text(dtype.error()).contains("dt/.zarray"), qPrintable(text(dtype.error())));

        QVERIFY(
            store_
                ->set(
                    "cd/.zarray",
                    as_bytes(
                        QByteArray(kBloscZarray).replace("\"blosc\"", "\"snappy9\"").toStdString()))
                .has_value());
        auto codec = open_zarr_array(store_, "cd");
        QVERIFY(!codec.has_value());
        QCOMPARE(codec.error().code, ErrorCode::Unsupported);
        QVERIFY2(text(codec.error()).contains("snappy9"), qPrintable(text(codec.error())));
    }

    void keysCannotLeaveTheStore() {
        auto escape = open_zarr_array(store_, "../outside");
        QVERIFY(!escape.has_value());
        QCOMPARE(escape.error().code, ErrorCode::InvalidArgument);
        ZarrCreateOptions o;
        o.shape = {2};
        o.chunks = {2};
        o.dtype = *DType::from_numpy(Json("<i4"));
        auto create = create_zarr_array(store_, "x/../../evil", o);
        QVERIFY(!create.has_value());
        QCOMPARE(create.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!QDir(dir_->path() + "/../evil").exists());
    }

    void unreadableFiles() {
        // Root reads every file whatever its mode, so "not readable" is a chunk file that is a
        // symlink to itself: open() fails with ELOOP.
        QVERIFY(QFile::link(dir_->path() + "/a/1", dir_->path() + "/a/1"));
        auto array = open_zarr_array(store_, "a");
        QVERIFY(array.has_value());
        const std::uint64_t c1[] = {1};
        auto r = (*array)->read_chunk(c1);
        QVERIFY(!r.has_value());
        QVERIFY2(text(r.error()).contains("a/1"), qPrintable(text(r.error())));

        QVERIFY(QDir(dir_->path()).mkpath("b/.zarray"));
        auto meta = open_zarr_array(store_, "b");
        QVERIFY(!meta.has_value());
        QVERIFY2(text(meta.error()).contains("b/.zarray"), qPrintable(text(meta.error())));
    }

private:
    std::unique_ptr<QTemporaryDir> dir_;
    std::shared_ptr<DirectoryStore> store_;
};

QTEST_GUILESS_MAIN(TestZarrBadInput)
#include "tst_zarr_bad_input.moc"
