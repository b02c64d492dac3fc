// ChunkTableModel: one row per chunk, missing chunks marked, numeric sorting through a proxy.
#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QtTest>

#include "ui/models/chunk_table_model.h"

using cs::ui::ChunkTableModel;

class TestChunkTableModel : public QObject {
    Q_OBJECT
private slots:
    void rowsAndSorting() {
        ChunkTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<cs::ChunkStorage> chunks(3);
        chunks[0] = {{0, 0}, "0.0", true, 400, 0, 0};
        chunks[1] = {{0, 1}, "0.1", false, 0, 0, 0};
        chunks[2] = {{1, 0}, "1.0", true, 100, 0, 0};
        model.setChunks(chunks, 800);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Key"));
        QCOMPARE(model.index(0, ChunkTableModel::ChunkColumn).data().toString(),
                 QStringLiteral("0.0"));
        QCOMPARE(model.index(0, ChunkTableModel::StoredColumn).data().toString(),
                 QStringLiteral("400 B"));
        QCOMPARE(model.index(0, ChunkTableModel::RatioColumn).data().toString(),
                 QStringLiteral("2.00"));
        QCOMPARE(model.index(1, ChunkTableModel::StoredColumn).data().toString(),
                 QStringLiteral("missing"));
        QCOMPARE(model.index(2, ChunkTableModel::RatioColumn).data().toString(),
                 QStringLiteral("8.00"));

        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ChunkTableModel::SortRole);
        proxy.sort(ChunkTableModel::StoredColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("0.0"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("0.1"));  // missing last
        proxy.sort(ChunkTableModel::RatioColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("1.0"));
    }

    void hdf5ChunksShowCoordinates() {
        ChunkTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setChunks({{{2, 3, 1}, "", true, 10, 4096, 0}}, 100);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Coordinates"));
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("(2, 3, 1)"));
        QCOMPARE(model.index(0, ChunkTableModel::OffsetColumn).data().toString(),
                 QStringLiteral("4096"));
        // A chunk of a dataset too large to look up addresses for says so (not a blank that
        // reads as "no address").
        model.setChunks({{{0}, "", true, 10, 0, 0, false}, {{1}, "", false, 0, 0, 0, false}}, 100);
        const QModelIndex unlisted = model.index(0, ChunkTableModel::OffsetColumn);
        QCOMPARE(unlisted.data().toString(), QStringLiteral("not listed"));
        QVERIFY(unlisted.data(Qt::ToolTipRole).toString().contains(QStringLiteral("HDF5 1.10")));
        QCOMPARE(model.index(1, ChunkTableModel::OffsetColumn).data().toString(), QString());
        model.setChunks({}, 0);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestChunkTableModel)
#include "tst_chunk_table_model.moc"
