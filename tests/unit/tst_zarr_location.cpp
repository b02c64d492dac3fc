// open_location(): a filesystem path that walks into a Zarr v2 store, and the errors for paths
// that lead nowhere.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/location/location.h"
#include "core/store/directory_store.h"
#include "core/zarr/zarr.h"

using namespace cs;

class TestZarrLocation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        root_ = dir_.path().toStdString();
        auto store = std::make_shared<DirectoryStore>(root_ + "/data/g.zarr");
        ZarrCreateOptions o;
        o.shape = {4, 2};
        o.chunks = {2, 2};
        o.dtype = *DType::from_numpy(Json("|i1"));
        QVERIFY(create_zarr_array(store, "calldata/genotype", o).has_value());
        auto bare = std::make_shared<DirectoryStore>(root_ + "/bare.zarr");
        QVERIFY(create_zarr_array(bare, "", o).has_value());
        QVERIFY(QDir(dir_.path()).mkpath("plain/folder"));
        QFile text(dir_.path() + "/plain/notes.txt");
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("not a store");
    }

    void walksIntoTheStore() {
        auto opened = open_location(root_ + "/data/g.zarr/calldata/genotype");
        QVERIFY2(opened.has_value(), opened ? "" : opened.error().message.c_str());
        QCOMPARE(opened->inner_path, std::string("calldata/genotype"));
        QCOMPARE(opened->container->format(), std::string("Zarr v2"));
        QCOMPARE(opened->container->location(), root_ + "/data/g.zarr");
        auto array = opened->container->open_array(opened->inner_path);
        QVERIFY(array.has_value());
        QCOMPARE((*array)->meta().shape(), (Shape{4, 2}));
    }

    void storeRootsAndTrailingSlashes() {
        auto group = open_location(root_ + "/data/g.zarr/");
        QVERIFY(group.has_value());
        QCOMPARE(group->inner_path, std::string());
        auto sub = open_location(root_ + "/data/g.zarr/calldata//");
        QVERIFY(sub.has_value());
        QCOMPARE(sub->inner_path, std::string("calldata"));
        auto array_root = open_location(root_ + "/bare.zarr");
        QVERIFY(array_root.has_value());
        auto node = array_root->container->node(array_root->inner_path);
        QVERIFY(node.has_value());
        QCOMPARE(node->kind, NodeKind::Array);
    }

    void errorsNameThePath_data() {
        QTest::addColumn<QString>("location");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("needle");
        const QString d = dir_.path();
        QTest::newRow("missing file")
            << d + "/nope.zarr/x" << int(ErrorCode::NotFound) << "nope.zarr";
        QTest::newRow("missing node") << d + "/data/g.zarr/calldata/nothing"
                                      << int(ErrorCode::NotFound) << "calldata/nothing";
        QTest::newRow("chunk is no node") << d + "/data/g.zarr/calldata/genotype/0.0"
                                          << int(ErrorCode::NotFound) << "genotype/0.0";
        QTest::newRow("plain folder")
            << d + "/plain/folder" << int(ErrorCode::Unsupported) << "plain/folder";
        QTest::newRow("plain file")
            << d + "/plain/notes.txt" << int(ErrorCode::Unsupported) << "notes.txt";
        QTest::newRow("empty") << QString() << int(ErrorCode::InvalidArgument) << "empty";
    }
    void errorsNameThePath() {
        QFETCH(QString, location);
        QFETCH(int, code);
        QFETCH(QString, needle);
        auto opened = open_location(location.toStdString());
        QVERIFY(!opened.has_value());
        QCOMPARE(int(opened.error().code), code);
        QVERIFY2(QString::fromStdString(opened.error().message).contains(needle),
                 opened.error().message.c_str());
    }

private:
    QTemporaryDir dir_;
    std::string root_;
};

QTEST_GUILESS_MAIN(TestZarrLocation)
#include "tst_zarr_location.moc"
