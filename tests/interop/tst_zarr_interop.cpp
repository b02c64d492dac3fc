// Zarr v2 against the real peer: zarr-python (Debian's python3-zarr 2.13) writes a matrix of
// arrays (every dtype x order x codec x separator x fill value encoding x exact/edge/missing
// chunks, 0-d and zero-length arrays, nested groups with NaN/Infinity attributes, consolidated
// metadata) and chunkscope reads every array bit-exact, through .zmetadata and through the
// per-array files. Then chunkscope writes the same matrix and zarr-python reads it back equal,
// with byte-identical .zarray/.zattrs.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

#include "core/array/npy.h"
#include "core/array/selection.h"
#include "core/store/directory_store.h"
#include "core/zarr/zarr.h"
#include "core/zarr/zarr_array.h"
#include "core/zarr/zarr_container.h"
#include "interop/fixture_script.h"

using namespace cs;

namespace {

struct Entry {
    std::string path;
    std::string expected;
    bool writable = true;
};

// The element type the expected .npy holds: vlen-utf8 text is saved as |S64 by the fixture.
DType comparable(DType d) {
    if (d.kind == DTypeKind::Object) {
        d.kind = DTypeKind::Bytes;
        d.endian = Endian::NotApplicable;
    }
    return d;
}

// Empty when `array` reads exactly `expected`, else what differs.
std::string compare(const ChunkedArray& array, const NpyArray& expected) {
    auto data = read_selection(array, Selection::all(array.meta().shape()));
    if (!data) return data.error().message;
    const DType dtype = comparable(array.meta().dtype);
    auto descr = npy_descr(dtype);
    auto want_descr = npy_descr(expected.dtype);
    if (!descr || !want_descr || *descr != *want_descr)
        return "dtype " + descr.value_or("?") + ", expected " + want_descr.value_or("?");
    if (array.meta().shape() != expected.shape) return "shape differs";
    if (data->size() != expected.data.size() ||
        (!data->empty() && std::memcmp(data->data(), expected.data.data(), data->size()) != 0)) {
        return "values differ";
    }
    return {};
}

}  // namespace

class TestZarrInterop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        out_ = dir_.path().toStdString();
        const QString failed =
            cs::test::run_fixture_script("zarr_v2_matrix.py", {dir_.path()}, 180000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));

        auto manifest = parse_json(
            as_string_view(*std::move(*DirectoryStore(out_).get("manifest.json"))), "manifest");
        QVERIFY(manifest.has_value());
        for (const auto& e : manifest->as_array()) {
            entries_.push_back({e.find("path")->as_string(), e.find("expected")->as_string(),
                                e.find("writable")->as_bool()});
        }
        QVERIFY(entries_.size() > 100);
        store_ = std::make_shared<DirectoryStore>(out_ + "/matrix.zarr");
    }

    void readsEveryArrayBitExact() {
        auto container = ZarrContainer::open(store_);
        QVERIFY2(container.has_value(), container ? "" : container.error().message.c_str());
        QVERIFY((*container)->consolidated());
        QStringList failures;
        for (const auto& e : entries_) {
            auto expected = read_npy(out_ + "/" + e.expected);
            QVERIFY2(expected.has_value(), expected ? "" : expected.error().message.c_str());
            // Through the consolidated metadata ...
            auto consolidated = (*container)->open_array(e.path);
            std::string problem =
                consolidated ? compare(**consolidated, *expected) : consolidated.error().message;
            // ... and through the array's own .zarray.
            auto direct = open_zarr_array(store_, e.path);
            if (problem.empty())
                problem = direct ? compare(**direct, *expected) : direct.error().message;
            if (!problem.empty()) failures << QString::fromStdString(e.path + ": " + problem);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
    }

    void readsGroupsAndAttributes() {
        auto container = open_zarr_container(store_);
        QVERIFY(container.has_value());
        auto root = (*container)->children("");
        QVERIFY(root.has_value());
        QStringList names;
        for (const auto& n : *root) names << QString::fromStdString(n.name);
        QCOMPARE(names, (QStringList{"codecs", "d", "deep", "empty", "filters", "scalars", "x"}));
        auto attrs = (*container)->attributes("");
        QVERIFY(attrs.has_value());
        QVERIFY(std::isnan(attrs->find("nan")->as_double()));
        QCOMPARE(attrs->find("inf")->as_double(), INFINITY);
        QCOMPARE(attrs->find("ninf")->as_double(), -INFINITY);
        QCOMPARE(attrs->find("nested")->find("list")->size(), std::size_t{4});
        auto deep = (*container)->attributes("/deep/er/");
        QVERIFY(deep.has_value());
        QVERIFY(std::isnan(deep->find("missing_value")->as_double()));
        auto leaf = (*container)->node("x/y/z");
        QVERIFY(leaf.has_value());
        QCOMPARE(leaf->kind, NodeKind::Group);
        auto missing = (*container)->node("x/nope");
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);

        // The store seen without .zmetadata gives the same tree.
        auto memory_view = ZarrContainer::open(store_);
        QVERIFY(memory_view.has_value());
        QVERIFY(store_->erase(".zmetadata").has_value());
        auto plain = ZarrContainer::open(store_);
        QVERIFY(plain.has_value());
        QVERIFY(!(*plain)->consolidated());
        auto plain_root = (*plain)->children("");
        QVERIFY(plain_root.has_value());
        QCOMPARE(plain_root->size(), root->size());
        for (std::size_t i = 0; i < root->size(); ++i)
            QCOMPARE((*plain_root)[i].name, (*root)[i].name);
    }

    void writesMatrixThatZarrPythonReadsBack() {
        auto target = std::make_shared<DirectoryStore>(out_ + "/written.zarr");
        QStringList failures;
        for (const auto& e : entries_) {
            if (!e.writable) continue;
            auto source = ZarrArray::open(store_, e.path);
            QVERIFY2(source.has_value(), source ? "" : source.error().message.c_str());
            const ZarrArrayMetadata& m = (*source)->zarr_metadata();
            ZarrCreateOptions options;
            options.shape = m.shape;
            options.chunks = m.chunks;
            options.dtype = m.dtype;
            options.order = m.order;
            options.compressor = m.compressor;
            options.filters = m.filters;
            options.fill_value = m.fill_value;
            options.dimension_separator = m.dimension_separator;
            options.attributes = (*source)->meta().attributes;
            auto created = create_zarr_array(target, e.path, options);
            if (!created) {
                failures << QString::fromStdString(e.path + ": " + created.error().message);
                continue;
            }
            auto storage = (*source)->chunk_storage();
            QVERIFY(storage.has_value());
            for (const auto& chunk : *storage) {
                if (!chunk.present) continue;  // missing chunks stay missing
                auto elements = (*source)->read_chunk(chunk.coords);
                auto written = elements ? (*created)->write_chunk(chunk.coords, *elements)
                                        : Result<void>(std::unexpected(elements.error()));
                if (!written) failures << QString::fromStdString(written.error().message);
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));

        QProcess python;
        python.setProcessChannelMode(QProcess::MergedChannels);
        python.start(CS_PYTHON, {CS_TESTS_DIR "/interop/fixtures/zarr_v2_read_back.py",
                                 QString::fromStdString(out_ + "/written.zarr"), dir_.path()});
        QVERIFY(python.waitForFinished(180000));
        const QString report = QString::fromUtf8(python.readAll());
        QVERIFY2(python.exitCode() == 0, qPrintable(report));
        QVERIFY2(report.contains(" 0 problems"), qPrintable(report));
        QVERIFY2(QRegularExpression("\\b1\\d\\d arrays checked").match(report).hasMatch(),
                 qPrintable(report));
    }

private:
    QTemporaryDir dir_;
    std::string out_;
    std::vector<Entry> entries_;
    std::shared_ptr<DirectoryStore> store_;
};

QTEST_GUILESS_MAIN(TestZarrInterop)
#include "tst_zarr_interop.moc"
