#include <QtTest>

#include <algorithm>
#include <cstring>
#include <random>
#include <set>

#include "core/array/selection.h"
#include "support/memory_array.h"

using cs::DType;
using cs::ErrorCode;
using cs::Shape;
using cs_test::MemoryArray;

namespace {

QString shape_text(const Shape& s) {
    QStringList parts;
    for (auto n : s) parts << QString::number(n);
    return "(" + parts.join(", ") + ")";
}

// The obvious way: walk every selected index in C order and look the element up in the array's
// full buffer, or use the fill value when its chunk is missing.
cs::Bytes reference_read(const MemoryArray& a, const cs::Selection& sel,
                         const std::set<cs::ChunkCoords>& missing) {
    const auto& m = a.meta();
    const std::size_t rank = m.grid.rank();
    const std::size_t item = m.dtype.itemsize;
    const Shape counts = sel.counts();
    cs::Bytes out(sel.num_elements() * item);
    if (out.empty()) return out;
    std::uint8_t* dst = out.data();
    cs::Bytes fill = m.fill_value ? *m.fill_value : cs::Bytes(item, 0);
    std::vector<std::uint64_t> idx(rank, 0);
    cs::ChunkCoords chunk(rank);
    while (true) {
        std::uint64_t linear = 0;
        for (std::size_t k = 0; k < rank; ++k) {
            const std::uint64_t pos = sel.axes[k].start + idx[k] * sel.axes[k].step;
            linear = linear * m.shape()[k] + pos;
            chunk[k] = pos / m.chunk_shape()[k];
        }
        const std::uint8_t* src = !missing.empty() && missing.count(chunk)
                                      ? fill.data()
                                      : a.data().data() + linear * item;
        std::memcpy(dst, src, item);
        dst += item;
        std::size_t k = rank;
        while (k > 0 && ++idx[k - 1] == counts[k - 1]) idx[--k] = 0;
        if (k == 0) break;
    }
    return out;
}

QByteArray q(const cs::Bytes& b) {
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

// Reads `text` from an iota array and compares with the reference; also checks the chunks read.
void check_read(MemoryArray& a, const QString& text,
                const std::set<cs::ChunkCoords>& missing = {}) {
    for (const auto& c : missing) a.set_missing(c);
    auto sel = cs::parse_selection(text.toStdString(), a.meta().shape());
    QVERIFY2(sel.has_value(), sel ? "" : sel.error().describe().c_str());
    a.clear_reads();
    auto got = cs::read_selection(a, *sel);
    QVERIFY2(got.has_value(), got ? "" : got.error().describe().c_str());
    const cs::Bytes want = reference_read(a, *sel, missing);
    QVERIFY2(q(*got) == q(want),
             qPrintable("selection " + text + " on " + shape_text(a.meta().shape()) + " chunks " +
                        shape_text(a.meta().chunk_shape())));
    // Each chunk holding a selected element is read exactly once, and no other chunk.
    // The selection is a product over axes, so the chunks it needs are the product of the chunks
    // each axis needs.
    std::set<cs::ChunkCoords> needed;
    if (sel->num_elements() > 0) {
        const std::size_t rank = a.meta().grid.rank();
        std::vector<std::vector<std::uint64_t>> per_axis(rank);
        for (std::size_t k = 0; k < rank; ++k) {
            const auto& ax = sel->axes[k];
            for (std::uint64_t i = 0; i < ax.count(); ++i) {
                const std::uint64_t c = (ax.start + i * ax.step) / a.meta().chunk_shape()[k];
                if (per_axis[k].empty() || per_axis[k].back() != c) per_axis[k].push_back(c);
            }
        }
        std::vector<std::size_t> idx(rank, 0);
        while (true) {
            cs::ChunkCoords c(rank);
            for (std::size_t k = 0; k < rank; ++k) c[k] = per_axis[k][idx[k]];
            needed.insert(c);
            std::size_t k = rank;
            while (k > 0 && ++idx[k - 1] == per_axis[k - 1].size()) idx[--k] = 0;
            if (k == 0) break;
        }
    }
    const auto reads = a.reads();
    const std::set<cs::ChunkCoords> read_set(reads.begin(), reads.end());
    QCOMPARE(reads.size(), read_set.size());
    QVERIFY(read_set == needed);
}

DType i32() {
    return DType::scalar(cs::ScalarType::I32);
}

}  // namespace

class TestSelection : public QObject {
    Q_OBJECT
private slots:
    void parses_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("result_shape");
        QTest::newRow("empty") << ""
                               << "10,20,30"
                               << "[0:10, 0:20, 0:30]"
                               << "(10, 20, 30)";
        QTest::newRow("paper example") << "0:10,:,1"
                                       << "20,5,3"
                                       << "[0:10, 0:5, 1]"
                                       << "(10, 5)";
        QTest::newRow("fewer entries") << "2"
                                       << "4,5"
                                       << "[2, 0:5]"
                                       << "(5)";
        QTest::newRow("step") << "::3"
                              << "10"
                              << "[0:10:3]"
                              << "(4)";
        QTest::newRow("start step") << "1::4"
                                    << "10"
                                    << "[1:10:4]"
                                    << "(3)";
        QTest::newRow("negative index") << "-1, -2"
                                        << "4,5"
                                        << "[3, 3]"
                                        << "()";
        QTest::newRow("negative bounds") << "-3:-1"
                                         << "10"
                                         << "[7:9]"
                                         << "(2)";
        QTest::newRow("clipped like numpy") << "5:100, -100:2"
                                            << "10,4"
                                            << "[5:10, 0:2]"
                                            << "(5, 2)";
        QTest::newRow("empty slice") << "7:3"
                                     << "10"
                                     << "[7:7]"
                                     << "(0)";
        QTest::newRow("ellipsis first") << "..., 1"
                                        << "3,4,5"
                                        << "[0:3, 0:4, 1]"
                                        << "(3, 4)";
        QTest::newRow("ellipsis middle") << "1, ..., 2:4"
                                         << "3,4,5"
                                         << "[1, 0:4, 2:4]"
                                         << "(4, 2)";
        QTest::newRow("ellipsis empty") << "1, ..., 2, 3"
                                        << "3,4,5"
                                        << "[1, 2, 3]"
                                        << "()";
        QTest::newRow("brackets and spaces") << "[ 1 : 3 , : ]"
                                             << "4,5"
                                             << "[1:3, 0:5]"
                                             << "(2, 5)";
        QTest::newRow("trailing comma") << "1,"
                                        << "4,5"
                                        << "[1, 0:5]"
                                        << "(5)";
        QTest::newRow("0-d") << ""
                             << ""
                             << "[()]"
                             << "()";
        QTest::newRow("0-d ellipsis") << "..."
                                      << ""
                                      << "[()]"
                                      << "()";
        QTest::newRow("0-d tuple") << "()"
                                   << ""
                                   << "[()]"
                                   << "()";
        QTest::newRow("zero-length axis") << ":, 1"
                                          << "0,3"
                                          << "[0:0, 1]"
                                          << "(0)";
        QTest::newRow("plus sign") << "+1:+3"
                                   << "5"
                                   << "[1:3]"
                                   << "(2)";
    }
    void parses() {
        QFETCH(QString, text);
        QFETCH(QString, shape);
        QFETCH(QString, canonical);
        QFETCH(QString, result_shape);
        Shape s;
        for (const auto& part : shape.split(',', Qt::SkipEmptyParts))
            s.push_back(part.toULongLong());
        auto sel = cs::parse_selection(text.toStdString(), s);
        QVERIFY2(sel.has_value(), sel ? "" : sel.error().describe().c_str());
        QCOMPARE(QString::fromStdString(cs::to_string(*sel)), canonical);
        QString rs = shape_text(sel->result_shape());
        QCOMPARE(rs, result_shape);
    }

    void rejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("index too large") << "0, 5"
                                         << "4,5"
                                         << "index 5 is out of bounds for axis 1 with size 5";
        QTest::newRow("negative index too small") << "-5"
                                                  << "4"
                                                  << "axis 0";
        QTest::newRow("too many entries") << "1,2,3"
                                          << "4,5"
                                          << "has 3 entries, but the array has 2 axes";
        QTest::newRow("index into 0-d") << "0"
                                        << ""
                                        << "0 axes";
        QTest::newRow("two ellipses") << "...,..."
                                      << "4,5"
                                      << "only once";
        QTest::newRow("zero step") << "::0"
                                   << "4"
                                   << "step cannot be zero";
        QTest::newRow("negative step") << "::-1"
                                       << "4"
                                       << "negative steps";
        QTest::newRow("not a number") << "a:2"
                                      << "4"
                                      << "\"a\" is not an integer";
        QTest::newRow("float") << "1.5"
                               << "4"
                               << "not an integer";
        QTest::newRow("three colons") << "1:2:3:4"
                                      << "4"
                                      << "at most two";
        QTest::newRow("empty entry") << "1,,2"
                                     << "4,5,6"
                                     << "entry 2 is empty";
        QTest::newRow("overflow") << "99999999999999999999"
                                  << "4"
                                  << "not an integer";
        QTest::newRow("index into empty axis") << "0"
                                               << "0"
                                               << "out of bounds";
    }
    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, shape);
        QFETCH(QString, mentions);
        Shape s;
        for (const auto& part : shape.split(',', Qt::SkipEmptyParts))
            s.push_back(part.toULongLong());
        auto sel = cs::parse_selection(text.toStdString(), s);
        QVERIFY2(!sel.has_value(), "accepted a bad selection");
        QCOMPARE(int(sel.error().code), int(ErrorCode::InvalidArgument));
        QVERIFY2(sel.error().message.find(mentions.toStdString()) != std::string::npos,
                 sel.error().message.c_str());
    }

    void reads1dWithEdgeChunk() {
        auto a = MemoryArray::iota({10}, {4}, i32());
        for (const char* t : {"", "3", "-1", "2:9", "::3", "1::4", "8:", "5:5", "3:7:2"}) {
            check_read(*a, t);
            if (QTest::currentTestFailed()) return;
        }
    }

    void readsMissingChunksAsFill() {
        const cs::Bytes fill = {0xEF, 0xBE, 0xAD, 0xDE};
        auto a = MemoryArray::iota({7, 9}, {3, 4}, i32(), fill);
        check_read(*a, "", {{0, 1}, {2, 2}});
        check_read(*a, "1:6, 3:9", {{0, 1}, {2, 2}});
        // No fill value reads as zeros.
        auto z = MemoryArray::iota({7, 9}, {3, 4}, i32());
        check_read(*z, "::2, ::3", {{1, 1}});
    }

    void reads3dEveryKindOfSlice_data() {
        QTest::addColumn<QString>("text");
        for (const char* t :
             {"", "1", "-1, 2, 3", ":, 1:5, ::2", "1:4, ..., 0", "...", "0:5:2, -3:, 1:2",
              "::4, ::4, ::4", ":, :, 5", "2, 3:3", "..., ::7", "4, 1::3, -2"}) {
            QTest::newRow(t[0] ? t : "(all)") << t;
        }
    }
    void reads3dEveryKindOfSlice() {
        QFETCH(QString, text);
        auto a = MemoryArray::iota({5, 7, 6}, {2, 3, 4}, DType::scalar(cs::ScalarType::U16));
        check_read(*a, text, {{1, 0, 1}});
    }

    void readsOddItemSizes() {
        DType s3;
        s3.kind = cs::DTypeKind::Bytes;
        s3.itemsize = 3;
        auto a = MemoryArray::iota({6, 5}, {4, 2}, s3);
        check_read(*a, "1:5, ::2");
        check_read(*a, "::3, 1");
        auto c = MemoryArray::iota({6, 5}, {4, 2}, DType::scalar(cs::ScalarType::C128));
        check_read(*c, "1:, 1::2");
        auto b = MemoryArray::iota({6, 5}, {4, 2}, DType::scalar(cs::ScalarType::I8));
        check_read(*b, "::5, ::3");
        auto l = MemoryArray::iota({6, 5}, {4, 2}, DType::scalar(cs::ScalarType::F64));
        check_read(*l, "..., ::2");
    }

    void reads0d() {
        auto a = MemoryArray::iota({}, {}, DType::scalar(cs::ScalarType::F64));
        check_read(*a, "");
        check_read(*a, "...");
        auto missing = MemoryArray::iota({}, {}, i32(), cs::Bytes{1, 2, 3, 4});
        check_read(*missing, "", {{}});
    }

    void readsZeroLength() {
        auto a = MemoryArray::iota({0, 3}, {2, 2}, i32());
        auto sel = cs::parse_selection("", a->meta().shape());
        QVERIFY(sel);
        auto got = cs::read_selection(*a, *sel);
        QVERIFY(got && got->empty());
        QVERIFY(a->reads().empty());
        auto b = MemoryArray::iota({4, 3}, {2, 2}, i32());
        check_read(*b, "2:2");
        QVERIFY(b->reads().empty());
    }

    // A whole-chunk selection is assembled with one memcpy per chunk; here just check the
    // result of the case the engine cares about (speed lives in bench/).
    void readsLargeInt8ChunksWhole() {
        auto a =
            MemoryArray::iota({13106, 200, 2}, {6553, 200, 2}, DType::scalar(cs::ScalarType::I8));
        check_read(*a, "");
        check_read(*a, "6000:7000, 10:190, 1");
    }

    // Random shapes, chunkings and selections against the reference.
    void randomSelectionsMatchTheReference() {
        std::mt19937 rng(12345);
        auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
        for (int round = 0; round < 300; ++round) {
            const int rank = pick(1, 4);
            Shape shape, chunks;
            QStringList entries;
            for (int k = 0; k < rank; ++k) {
                shape.push_back(std::uint64_t(pick(0, 9)));
                chunks.push_back(std::uint64_t(pick(1, 5)));
                const int n = int(shape.back());
                switch (pick(0, 3)) {
                    case 0:
                        entries << ":";
                        break;
                    case 1:
                        if (n > 0) {
                            entries << QString::number(pick(-n, n - 1));
                            break;
                        }
                        [[fallthrough]];
                    case 2:
                        entries << QString("%1:%2:%3")
                                       .arg(pick(-n - 2, n + 2))
                                       .arg(pick(-n - 2, n + 2))
                                       .arg(pick(1, 6));
                        break;
                    default:
                        entries << QString("%1:").arg(pick(0, n));
                        break;
                }
            }
            while (entries.size() > 1 && pick(0, 3) == 0) entries.removeLast();
            const int item = std::vector<int>{1, 2, 4, 8}[pick(0, 3)];
            DType dt = DType::scalar(item == 1   ? cs::ScalarType::U8
                                     : item == 2 ? cs::ScalarType::U16
                                     : item == 4 ? cs::ScalarType::U32
                                                 : cs::ScalarType::U64);
            auto a = MemoryArray::iota(shape, chunks, dt);
            std::set<cs::ChunkCoords> missing;
            const Shape grid = a->meta().grid.grid_shape();
            if (a->meta().grid.array_elements() > 0 && pick(0, 1)) {
                cs::ChunkCoords c(rank);
                for (int k = 0; k < rank; ++k) c[k] = std::uint64_t(pick(0, int(grid[k]) - 1));
                missing.insert(c);
            }
            check_read(*a, entries.join(","), missing);
            if (QTest::currentTestFailed()) return;
        }
    }

    // The test double itself: writes land in the buffer, edge chunks are padded with the fill
    // value, and chunk_storage reports missing chunks as absent.
    void memoryArrayWritesAndReportsStorage() {
        const cs::Bytes fill = {7, 0, 0, 0};
        auto a = MemoryArray::iota({3, 5}, {2, 2}, i32(), fill);
        a->set_missing({1, 2});
        auto storage = a->chunk_storage();
        QVERIFY(storage);
        QCOMPARE(storage->size(), std::size_t(6));
        QVERIFY(!(*storage)[5].present);
        QVERIFY((*storage)[4].present);
        QCOMPARE((*storage)[4].stored_bytes, std::uint64_t(16));
        // Edge chunk (1, 2) covers only element [2, 4]; its padding reads as fill once written.
        cs::Bytes elements(16);
        for (std::size_t i = 0; i < 16; ++i) elements[i] = std::uint8_t(100 + i);
        QVERIFY(a->write_chunk(std::vector<std::uint64_t>{1, 2}, elements));
        QCOMPARE(int(a->data()[(2 * 5 + 4) * 4]), 100);
        auto back = a->read_chunk(std::vector<std::uint64_t>{1, 2});
        QVERIFY(back);
        QCOMPARE(int((*back)[0]), 100);
        QCOMPARE(int((*back)[4]), 7);  // padding is fill, not what was written there
        auto after = a->chunk_storage();
        QVERIFY(after && (*after)[5].present);
        auto bad = a->read_chunk(std::vector<std::uint64_t>{2, 0});
        QVERIFY(!bad);
        QCOMPARE(int(bad.error().code), int(ErrorCode::InvalidArgument));
    }

    void readErrorsNameTheArray() {
        auto a = MemoryArray::iota({4}, {2}, i32());
        cs::Selection wrong_rank = cs::Selection::all({4, 4});
        auto r = cs::read_selection(*a, wrong_rank);
        QVERIFY(!r);
        QCOMPARE(int(r.error().code), int(ErrorCode::InvalidArgument));
        QVERIFY(r.error().message.find("memory-array") != std::string::npos);
        cs::Selection outside = cs::Selection::all({4});
        outside.axes[0].stop = 9;
        auto o = cs::read_selection(*a, outside);
        QVERIFY(!o);
        QVERIFY2(o.error().message.find("axis 0") != std::string::npos, o.error().message.c_str());
    }

    // A chunk that cannot be decoded fails the read with the array's error.
    void chunkErrorsPropagate() {
        class Broken : public cs::ChunkedArray {
        public:
            Broken() : inner_(MemoryArray::iota({4, 4}, {2, 2}, i32())) {}
            const cs::ArrayMeta& meta() const override { return inner_->meta(); }
            std::string describe() const override { return "broken.zarr/x"; }
            std::vector<cs::InfoField> info() const override { return {}; }
            cs::Result<std::optional<cs::Bytes>> read_stored_chunk(
                std::span<const std::uint64_t> c, cs::ReadStats* s) const override {
                return inner_->read_stored_chunk(c, s);
            }
            cs::Result<cs::Bytes> decode_chunk(std::span<const std::uint64_t> c,
                                               cs::Bytes) const override {
                if (c[0] == 1) return cs::fail(ErrorCode::Corrupt, "broken.zarr/x/1.0: bad chunk");
                return cs::Bytes(16, 0);
            }
            cs::Result<std::vector<cs::ChunkStorage>> chunk_storage() const override { return {}; }

        private:
            std::unique_ptr<MemoryArray> inner_;
        } broken;
        auto top = cs::read_selection(broken, *cs::parse_selection("0:2", {4, 4}));
        QVERIFY(top);
        auto all = cs::read_selection(broken, cs::Selection::all({4, 4}));
        QVERIFY(!all);
        QCOMPARE(int(all.error().code), int(ErrorCode::Corrupt));
        QVERIFY(all.error().message.find("broken.zarr/x/1.0") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSelection)
#include "tst_selection.moc"
