// SliceTableModel and readSliceSample: the right values for slices of a 3-D array along any pair
// of axes, only the chunks on screen are read, missing chunks read as fill, a failing chunk is
// reported, not crashed on.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "support/memory_array.h"
#include "ui/data/slice_sample.h"
#include "ui/jobs/background_jobs.h"
#include "ui/models/slice_table_model.h"

using cs::ui::SliceSpec;
using cs::ui::SliceTableModel;

namespace {

// (6, 5, 4) int32 in chunks of (2, 3, 4): element (i, j, k) holds i*20 + j*4 + k (iota).
std::shared_ptr<cs_test::MemoryArray> cube() {
    return cs_test::MemoryArray::iota({6, 5, 4}, {2, 3, 4}, cs::DType::scalar(cs::ScalarType::I32));
}

// Fails to read chunk (0, 0, 0): the way a corrupt chunk shows up.
class FailingArray final : public cs::ChunkedArray {
public:
    explicit FailingArray(std::shared_ptr<cs_test::MemoryArray> a) : a_(std::move(a)) {}
    const cs::ArrayMeta& meta() const override { return a_->meta(); }
    std::string describe() const override { return "test/failing"; }
    std::vector<cs::InfoField> info() const override { return {}; }
    cs::Result<std::optional<cs::Bytes>> read_stored_chunk(std::span<const std::uint64_t> c,
                                                           cs::ReadStats* s) const override {
        if (c[0] == 0 && c[1] == 0 && c[2] == 0)
            return cs::fail(cs::ErrorCode::Corrupt, "test/failing/0.0.0: blosc header is invalid");
        return a_->read_stored_chunk(c, s);
    }
    cs::Result<cs::Bytes> decode_chunk(std::span<const std::uint64_t> c,
                                       cs::Bytes b) const override {
        return a_->decode_chunk(c, std::move(b));
    }
    cs::Result<std::vector<cs::ChunkStorage>> chunk_storage() const override {
        return a_->chunk_storage();
    }

private:
    std::shared_ptr<cs_test::MemoryArray> a_;
};

}  // namespace

class TestSliceTableModel : public QObject {
    Q_OBJECT
private slots:
    void slicesOfACube_data() {
        QTest::addColumn<int>("rowAxis");
        QTest::addColumn<int>("colAxis");
        QTest::addColumn<int>("fixedAxis");
        QTest::addColumn<int>("fixedIndex");
        QTest::newRow("rows=1 cols=2 at i=3") << 1 << 2 << 0 << 3;
        QTest::newRow("rows=0 cols=2 at j=4") << 0 << 2 << 1 << 4;
        QTest::newRow("rows=2 cols=0 at j=1 (transposed)") << 2 << 0 << 1 << 1;
    }
    void slicesOfACube() {
        QFETCH(int, rowAxis);
        QFETCH(int, colAxis);
        QFETCH(int, fixedAxis);
        QFETCH(int, fixedIndex);
        cs::ui::BackgroundJobs jobs;
        SliceTableModel model(&jobs);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto array = cube();
        SliceSpec spec;
        spec.rowAxis = rowAxis;
        spec.colAxis = colAxis;
        spec.indices = {0, 0, 0};
        spec.indices[static_cast<std::size_t>(fixedAxis)] = static_cast<std::uint64_t>(fixedIndex);
        model.setArray(array, spec);
        const cs::Shape shape{6, 5, 4};
        QCOMPARE(model.rowCount(), int(shape[static_cast<std::size_t>(rowAxis)]));
        QCOMPARE(model.columnCount(), int(shape[static_cast<std::size_t>(colAxis)]));
        for (int r = 0; r < model.rowCount(); ++r) {
            for (int c = 0; c < model.columnCount(); ++c) {
                std::uint64_t idx[3] = {0, 0, 0};
                idx[fixedAxis] = static_cast<std::uint64_t>(fixedIndex);
                idx[rowAxis] = static_cast<std::uint64_t>(r);
                idx[colAxis] = static_cast<std::uint64_t>(c);
                const int expected = int(idx[0] * 20 + idx[1] * 4 + idx[2]);
                QTRY_COMPARE(model.index(r, c).data().toString(), QString::number(expected));
                QCOMPARE(model.index(r, c).data(SliceTableModel::ValueRole).toDouble(),
                         double(expected));
            }
        }

        // The sampler sees the same values.
        cs::ui::JobTicket ticket;
        const auto sample = cs::ui::readSliceSample(*array, spec, 0, 0, ticket);
        QVERIFY(!sample.error);
        QCOMPARE(sample.sampleRows, model.rowCount());
        for (int r = 0; r < sample.sampleRows; ++r)
            for (int c = 0; c < sample.sampleCols; ++c)
                QCOMPARE(sample.at(r, c),
                         model.index(r, c).data(SliceTableModel::ValueRole).toDouble());
    }

    void readsOnlyTheChunksShown() {
        cs::ui::BackgroundJobs jobs;
        SliceTableModel model(&jobs);
        auto array = cube();
        model.setArray(array, SliceSpec{1, 2, {3, 0, 0}});
        array->clear_reads();
        QCOMPARE(model.index(0, 0).data().toString(),
                 QStringLiteral("…"));  // asked for, not there yet
        QTRY_COMPARE(model.index(0, 0).data().toString(), QString::number(3 * 20));
        QCOMPARE(array->reads().size(), std::size_t(1));
        QCOMPARE(array->reads().front(), (cs::ChunkCoords{1, 0, 0}));
        QCOMPARE(model.cache().size(), std::size_t(1));
    }

    void missingChunkReadsAsFill() {
        cs::ui::BackgroundJobs jobs;
        SliceTableModel model(&jobs);
        auto array = cube();
        array->set_missing({0, 1, 0});
        model.setArray(array, SliceSpec{1, 2, {0, 0, 0}});
        QTRY_COMPARE(model.index(4, 1).data().toString(), QStringLiteral("0"));  // fill: zeros
        QTRY_COMPARE(model.index(1, 1).data().toString(), QString::number(1 * 4 + 1));
    }

    void failingChunkIsReported() {
        cs::ui::BackgroundJobs jobs;
        SliceTableModel model(&jobs);
        QSignalSpy failed(&model, &SliceTableModel::chunkFailed);
        auto array = std::make_shared<FailingArray>(cube());
        model.setArray(array, SliceSpec{1, 2, {0, 0, 0}});
        model.index(0, 0).data();
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(failed.front().front().toString().contains(QStringLiteral("0.0.0")));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("error"));
        QTRY_COMPARE(model.index(3, 0).data().toString(),
                     QString::number(3 * 4));  // others still work

        cs::ui::JobTicket ticket;
        const auto sample =
            cs::ui::readSliceSample(*array, SliceSpec{1, 2, {0, 0, 0}}, 0, 0, ticket);
        QVERIFY(sample.error.has_value());
        QVERIFY(QString::fromStdString(sample.error->describe()).contains(QStringLiteral("blosc")));
    }

    void samplingStridesAndStats() {
        auto array =
            cs_test::MemoryArray::iota({1000, 3}, {100, 3}, cs::DType::scalar(cs::ScalarType::I32));
        cs::ui::JobTicket ticket;
        const auto sample =
            cs::ui::readSliceSample(*array, SliceSpec{0, 1, {0, 0}}, 100, 100, ticket);
        QCOMPARE(sample.rowStep, std::uint64_t(10));
        QCOMPARE(sample.sampleRows, 100);
        QVERIFY(sample.sampled());
        QCOMPARE(sample.at(1, 2), double(10 * 3 + 2));
        QCOMPARE(sample.stats.min, 0.0);
        QCOMPARE(sample.stats.max, double(990 * 3 + 2));
        const auto stats = cs::ui::computeStats({1.0, std::nan(""), 3.0});
        QCOMPARE(stats.nanCount, std::uint64_t(1));
        QCOMPARE(stats.mean, 2.0);
        ticket.cancelled->store(true);
        QVERIFY(cs::ui::readSliceSample(*array, SliceSpec{0, 1, {0, 0}}, 0, 0, ticket)
                    .error.has_value());
    }

    void staleResultsAreDropped() {
        cs::ui::BackgroundJobs jobs;
        SliceTableModel model(&jobs);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setArray(cube(), SliceSpec{1, 2, {0, 0, 0}});
        model.index(0, 0).data();
        model.setArray(nullptr, {});  // switch away while the chunk is being read
        jobs.shutdown();
        QCoreApplication::processEvents();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.cache().size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestSliceTableModel)
#include "tst_slice_table_model.moc"
