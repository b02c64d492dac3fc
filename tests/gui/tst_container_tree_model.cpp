// ContainerTreeModel: lazy loading on the background pool, columns, lookup, filter and sort
// through the proxy, closing a container while its children load.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QtTest>

#include "memory_container.h"
#include "ui/jobs/background_jobs.h"
#include "ui/models/container_tree_model.h"

using cs::ui::ContainerTreeModel;

namespace {

std::shared_ptr<cs_test::MemoryContainer> makeContainer() {
    auto c = std::make_shared<cs_test::MemoryContainer>("/data/test.mem");
    c->add("grid/cube", cs_test::MemoryArray::iota({6, 5, 4}, {2, 3, 4},
                                                   cs::DType::scalar(cs::ScalarType::I32)));
    c->add("line", cs_test::MemoryArray::iota({50}, {20}, cs::DType::scalar(cs::ScalarType::F64)));
    c->add("a/b/deep", cs_test::MemoryArray::iota({3}, {3}, cs::DType::scalar(cs::ScalarType::U8)));
    return c;
}

QString text(const QAbstractItemModel& m, const QModelIndex& i, int column) {
    return m.data(i.siblingAtColumn(column)).toString();
}

}  // namespace

class TestContainerTreeModel : public QObject {
    Q_OBJECT
private slots:
    void loadsLazilyWithColumns() {
        cs::ui::BackgroundJobs jobs;
        ContainerTreeModel model(&jobs);
        // No QAbstractItemModelTester here: it calls fetchMore() itself, and this test checks
        // that nothing below the first level loads until asked (the other tests use it).
        const QModelIndex root = model.addContainer(makeContainer());
        QCOMPARE(model.rowCount(), 1);
        QTRY_COMPARE(model.rowCount(root), 3);
        QCOMPARE(text(model, root, ContainerTreeModel::NameColumn), QStringLiteral("test.mem"));
        QVERIFY(!model.isLoading());
        // Children sorted by name: a, grid, line.
        QCOMPARE(text(model, model.index(0, 0, root), 0), QStringLiteral("a"));
        const QModelIndex grid = model.index(1, 0, root);
        const QModelIndex line = model.index(2, 0, root);
        QCOMPARE(text(model, line, ContainerTreeModel::ShapeColumn), QStringLiteral("(50,)"));
        QCOMPARE(text(model, line, ContainerTreeModel::DTypeColumn), QStringLiteral("float64"));
        QCOMPARE(text(model, line, ContainerTreeModel::ChunksColumn), QStringLiteral("(20,)"));
        QCOMPARE(model.data(line, ContainerTreeModel::KindRole).toInt(), int(cs::NodeKind::Array));
        QVERIFY(!text(model, line, ContainerTreeModel::StoredColumn).isEmpty());

        // A group is not loaded until asked for.
        QVERIFY(model.hasChildren(grid));
        QCOMPARE(model.rowCount(grid), 0);
        QVERIFY(model.canFetchMore(grid));
        QSignalSpy loaded(&model, &ContainerTreeModel::childrenLoaded);
        model.fetchMore(grid);
        QVERIFY(!model.canFetchMore(grid));
        QTRY_COMPARE(model.rowCount(grid), 1);
        QCOMPARE(loaded.count(), 1);
        const QModelIndex cube = model.index(0, 0, grid);
        QCOMPARE(text(model, cube, ContainerTreeModel::ShapeColumn), QStringLiteral("(6, 5, 4)"));
        QCOMPARE(model.data(cube, ContainerTreeModel::PathRole).toString(),
                 QStringLiteral("grid/cube"));
        QCOMPARE(model.findLoaded(0, QStringLiteral("grid/cube")), cube);
        QCOMPARE(model.findLoaded(0, QString()), root);
        QVERIFY(!model.findLoaded(0, QStringLiteral("a/b/deep")).isValid());  // not loaded yet
        QVERIFY(!model.findLoaded(3, QStringLiteral("line")).isValid());
    }

    void filterAndSortThroughProxy() {
        cs::ui::BackgroundJobs jobs;
        ContainerTreeModel model(&jobs);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setRecursiveFilteringEnabled(true);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setSortRole(ContainerTreeModel::SortRole);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex root = model.addContainer(makeContainer());
        QTRY_COMPARE(model.rowCount(root), 3);
        model.fetchMore(model.index(1, 0, root));
        QTRY_COMPARE(model.rowCount(model.index(1, 0, root)), 1);

        proxy.setFilterFixedString(QStringLiteral("CUBE"));
        const QModelIndex proot = proxy.index(0, 0);
        QCOMPARE(proxy.rowCount(proot), 1);  // only grid, which holds cube
        QCOMPARE(proxy.index(0, 0, proot).data().toString(), QStringLiteral("grid"));
        proxy.setFilterFixedString(QString());

        // Shape sorts by element count, not by text: line (50) after a (group, -1).
        proxy.sort(ContainerTreeModel::ShapeColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0, proxy.index(0, 0)).data().toString(), QStringLiteral("line"));
    }

    void closingDropsPendingLoads() {
        cs::ui::BackgroundJobs jobs;
        ContainerTreeModel model(&jobs);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addContainer(makeContainer());
        model.addContainer(makeContainer());
        model.removeContainer(0);  // its first level may still be loading: the result is dropped
        QCOMPARE(model.containerCount(), 1);
        QTRY_VERIFY(!model.isLoading());
        jobs.shutdown();
        QCoreApplication::processEvents();
        QCOMPARE(model.rowCount(model.index(0, 0)), 3);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.container(0));
    }

    void failingChildrenShowAsBrokenItem() {
        // A container whose listing fails shows one Broken child naming the error.
        struct Broken final : cs::Container {
            std::string location() const override { return "/data/broken.zarr"; }
            std::string format() const override { return "Zarr v2"; }
            cs::Result<cs::NodeSummary> node(std::string_view) const override {
                return cs::NodeSummary{};
            }
            cs::Result<std::vector<cs::NodeSummary>> children(std::string_view) const override {
                return cs::fail(cs::ErrorCode::Corrupt, "/data/broken.zarr/.zgroup: not JSON");
            }
            cs::Result<cs::Json> attributes(std::string_view) const override {
                return cs::Json::object();
            }
            cs::Result<std::unique_ptr<cs::ChunkedArray>> open_array(
                std::string_view) const override {
                return cs::fail(cs::ErrorCode::NotFound, "no arrays");
            }
        };
        cs::ui::BackgroundJobs jobs;
        ContainerTreeModel model(&jobs);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex root = model.addContainer(std::make_shared<Broken>());
        QTRY_COMPARE(model.rowCount(root), 1);
        const QModelIndex broken = model.index(0, 0, root);
        QCOMPARE(model.data(broken, ContainerTreeModel::KindRole).toInt(),
                 int(cs::NodeKind::Broken));
        QVERIFY(
            model.data(broken, Qt::ToolTipRole).toString().contains(QStringLiteral("not JSON")));
    }
};

QTEST_MAIN(TestContainerTreeModel)
#include "tst_container_tree_model.moc"
