// The explorer window against real files written at test time by zarr-python, h5py and
// netCDF4: open them, select items, check the info panel, the chunk table and the data of a
// 3-D slice against known values; errors (a corrupt chunk, a missing file) show as messages.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include "ui/models/chunk_table_model.h"
#include "ui/models/container_tree_model.h"
#include "ui/models/info_fields_model.h"
#include "ui/models/json_tree_model.h"
#include "ui/models/slice_table_model.h"
#include "ui/panels/compression_panel.h"
#include "ui/panels/data_panel.h"
#include "ui/panels/info_panel.h"
#include "ui/widgets/axis_picker.h"
#include "ui/widgets/chunk_map_widget.h"
#include "ui/widgets/message_bar.h"
#include "ui/window/main_window.h"
#include "ui/window/screenshot_runner.h"

using namespace cs::ui;

class TestExplorerWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString fixture(const QString& name) const { return QDir(dir_.path()).filePath(name); }

    // Opens `location` in `w` and returns its tree row.
    int open(MainWindow& w, const QString& location) {
        QSignalSpy opened(&w, &MainWindow::locationOpened);
        w.openLocation(location);
        if (!opened.wait(60000)) return -1;
        return w.treeModel()->containerCount() - 1;
    }
    // Selects `path` and waits until the panels have it.
    bool select(MainWindow& w, int row, const QString& path) {
        w.selectPath(row, path);
        return QTest::qWaitFor(
            [&] {
                return w.currentNode() &&
                       QString::fromStdString(w.currentNode()->summary.path) == path && !w.isBusy();
            },
            60000);
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("chunkscope-tests"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.path());
        QProcess python;
        python.start(
            QStringLiteral(CS_PYTHON),
            {QStringLiteral(CS_TESTS_DIR "/gui/fixtures/make_explorer_fixtures.py"), dir_.path()});
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    }

    void zarrInfoAndAttributes() {
        MainWindow w;
        const int row = open(w, fixture("explorer.zarr"));
        QVERIFY(row >= 0);
        QVERIFY(select(w, row, QString()));
        // The root group's attributes, nested JSON expandable.
        JsonTreeModel* attrs = w.infoPanel()->attributesModel();
        QCOMPARE(attrs->rowCount(), 3);
        QModelIndex nested;
        for (int r = 0; r < attrs->rowCount(); ++r)
            if (attrs->index(r, 0).data().toString() == QStringLiteral("nested"))
                nested = attrs->index(r, 0);
        QVERIFY(nested.isValid());
        QCOMPARE(attrs->rowCount(nested), 3);

        QVERIFY(select(w, row, QStringLiteral("grid/cube")));
        InfoFieldsModel* info = w.infoPanel()->fieldsModel();
        QCOMPARE(info->value(QStringLiteral("Path")), QStringLiteral("/grid/cube"));
        QCOMPARE(info->value(QStringLiteral("Store type")), QStringLiteral("Zarr v2"));
        QCOMPARE(info->value(QStringLiteral("Shape")), QStringLiteral("(6, 5, 4)"));
        QCOMPARE(info->value(QStringLiteral("Chunk shape")), QStringLiteral("(2, 3, 4)"));
        QVERIFY(info->value(QStringLiteral("Compressor")).contains(QStringLiteral("lz4")));
        QCOMPARE(w.infoPanel()->attributesModel()->index(0, 1).data().toString(),
                 QStringLiteral("a known cube"));
        QVERIFY(!w.infoPanel()->messageBar()->isVisibleTo(w.infoPanel()));
    }

    void zarrChunkTableAndMap() {
        MainWindow w;
        const int row = open(w, fixture("explorer.zarr"));
        QVERIFY(select(w, row, QStringLiteral("grid/cube")));
        ChunkTableModel* chunks = w.compressionPanel()->chunkModel();
        QTRY_COMPARE(chunks->rowCount(), 6);
        int present = 0;
        for (const auto& c : chunks->chunks()) {
            const QString file =
                fixture(QStringLiteral("explorer.zarr/") + QStringLiteral("grid/cube/") +
                        QString::fromStdString(c.key));
            if (c.present) {
                ++present;
                QCOMPARE(qint64(c.stored_bytes), QFileInfo(file).size());
            } else {
                QVERIFY(!QFileInfo::exists(file));
                QVERIFY(QString::fromStdString(c.key).endsWith(QStringLiteral("2.1.0")));
            }
        }
        QCOMPARE(present, 5);
        QVERIFY(
            w.compressionPanel()->summaryText().contains(QStringLiteral("Chunks initialized 5/6")));
        QVERIFY(w.compressionPanel()->summaryText().contains(QStringLiteral("No. bytes 480")));
        // Chunk map over chunk axes 0 and 1: 3 x 2 cells, one never written.
        w.compressionPanel()->axisPicker()->setAxesChoice(0, 1);
        const ChunkMapData& map = w.compressionPanel()->chunkMap()->map();
        QCOMPARE(map.rows, 3);
        QCOMPARE(map.cols, 2);
        QCOMPARE(map.missingCount(), 1);
        QVERIFY(!map.value(2, 1).has_value());
    }

    void dataOfA3DSlice() {
        MainWindow w;
        const int row = open(w, fixture("explorer.zarr"));
        QVERIFY(select(w, row, QStringLiteral("grid/cube")));
        SliceTableModel* data = w.dataPanel()->tableModel();
        // Default: the two longest axes (0 and 1) at index 0 on axis 2: cube[i, j, 0].
        QCOMPARE(data->rowCount(), 6);
        QCOMPARE(data->columnCount(), 5);
        QTRY_COMPARE(data->index(3, 2).data().toString(), QStringLiteral("30200"));
        // Rows along axis 0, columns along axis 2, axis 1 at 3: cube[i, 3, k] = i*10000 + 300 + k.
        w.dataPanel()->axisPicker()->setAxesChoice(0, 2);
        w.dataPanel()->axisPicker()->setIndex(1, 3);
        QCOMPARE(data->rowCount(), 6);
        for (int i = 0; i < 4; ++i)
            for (int k = 0; k < 4; ++k)
                QTRY_COMPARE(data->index(i, k).data().toString(),
                             QString::number(i * 10000 + 300 + k));
        // Rows 4 and 5 with j = 3 fall in chunk 2.1.0, never written: the fill value -1.
        QTRY_COMPARE(data->index(5, 2).data().toString(), QStringLiteral("-1"));
        QTRY_VERIFY(w.dataPanel()->statsText().contains(QStringLiteral("max 30303")));

        // Export the slice; the CSV holds what the table shows.
        const QString csv = fixture("slice.csv");
        QSignalSpy exported(w.dataPanel(), &DataPanel::exportFinished);
        w.dataPanel()->exportCsv(csv);
        QTRY_COMPARE(exported.count(), 1);
        QVERIFY(exported.front().front().toBool());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[1], QStringLiteral("10300,10301,10302,10303"));
        QCOMPARE(lines[5], QStringLiteral("-1,-1,-1,-1"));

        const QString npy = fixture("slice.npy");
        w.dataPanel()->exportNpy(npy);
        QTRY_COMPARE(exported.count(), 2);
        QVERIFY(exported.back().front().toBool());
        QProcess python;
        python.start(QStringLiteral(CS_PYTHON),
                     {QStringLiteral("-c"),
                      QStringLiteral("import numpy,sys; a=numpy.load(sys.argv[1]); "
                                     "print(a.dtype.str, a.shape, a[1,2], a[5,0])"),
                      npy});
        QVERIFY(python.waitForFinished(60000));
        QCOMPARE(QString::fromUtf8(python.readAllStandardOutput()).trimmed(),
                 QStringLiteral("<i4 (6, 4) 10302 -1"));
    }

    void bigEndianAndStrings() {
        MainWindow w;
        const int row = open(w, fixture("explorer.zarr"));
        QVERIFY(select(w, row, QStringLiteral("bigendian")));
        QTRY_COMPARE(w.dataPanel()->tableModel()->index(0, 0).data().toString(),
                     QStringLiteral("-8"));
        QTRY_COMPARE(w.dataPanel()->tableModel()->index(3, 3).data().toString(),
                     QStringLiteral("7"));
        QVERIFY(select(w, row, QStringLiteral("names")));
        QTRY_COMPARE(w.dataPanel()->tableModel()->index(2, 0).data().toString(),
                     QStringLiteral("b'gamma'"));
        QVERIFY(select(w, row, QStringLiteral("line")));
        QTRY_VERIFY(w.dataPanel()->statsText().contains(QStringLiteral("NaN 1")));
    }

    void corruptChunkShowsAMessage() {
        MainWindow w;
        const int row = open(w, fixture("explorer.zarr"));
        QVERIFY(select(w, row, QStringLiteral("broken")));
        MessageBar* message = w.dataPanel()->messageBar();
        QTRY_VERIFY(message->isVisibleTo(w.dataPanel()));
        QVERIFY2(message->text().contains(QStringLiteral("0.0")), qPrintable(message->text()));
        // The rest of the window keeps working.
        QVERIFY(select(w, row, QStringLiteral("grid/cube")));
        QTRY_COMPARE(w.compressionPanel()->chunkModel()->rowCount(), 6);
        QVERIFY(!w.dataPanel()->messageBar()->isVisibleTo(w.dataPanel()));
    }

    void missingLocationShowsAMessage() {
        MainWindow w;
        QSignalSpy failed(&w, &MainWindow::locationFailed);
        w.openLocation(fixture("does-not-exist.zarr"));
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(w.messageBar()->isVisibleTo(&w));
        QVERIFY(w.messageBar()->text().contains(QStringLiteral("does-not-exist.zarr")));
        QCOMPARE(w.treeModel()->containerCount(), 0);
        // A file that is not HDF5 either.
        QFile junk(fixture("junk.h5"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not an hdf5 file");
        junk.close();
        w.openLocation(junk.fileName());
        QTRY_COMPARE(failed.count(), 2);
        QVERIFY(w.messageBar()->text().contains(QStringLiteral("junk.h5")));
    }

    void hdf5AndNetcdf() {
        MainWindow w;
        const int h5 = open(w, fixture("explorer.h5"));
        QVERIFY(h5 >= 0);
        QVERIFY(select(w, h5, QStringLiteral("measurements/temperature")));
        QCOMPARE(w.infoPanel()->fieldsModel()->value(QStringLiteral("Store type")),
                 QStringLiteral("HDF5"));
        QTRY_COMPARE(w.compressionPanel()->chunkModel()->rowCount(), 8);
        for (const auto& c : w.compressionPanel()->chunkModel()->chunks())
            QVERIFY(c.present && c.stored_bytes > 0);
        // temperature[i, j] = (i*30 + j) / 10
        QTRY_COMPARE(w.dataPanel()->tableModel()->index(39, 29).data().toString(),
                     QStringLiteral("119.9"));
        QTRY_COMPARE(w.dataPanel()->tableModel()->index(1, 2).data().toString(),
                     QStringLiteral("3.2"));

        const int nc = open(w, fixture("explorer.nc"));
        QVERIFY(nc >= 0);
        QVERIFY(select(w, nc, QStringLiteral("t2m")));
        bool named = false;
        for (const auto& f : w.infoPanel()->fieldsModel()->fields())
            named |= QString::fromStdString(f.value).contains(QStringLiteral("time")) &&
                     QString::fromStdString(f.value).contains(QStringLiteral("lon"));
        QVERIFY(named);
        QCOMPARE(w.treeModel()->containerCount(), 2);
    }

    void treeFilterAndClose() {
        MainWindow w;
        const int row = open(w, fixture("explorer.zarr"));
        QVERIFY(select(w, row, QStringLiteral("grid/cube")));
        auto* filter = w.findChild<QLineEdit*>(QStringLiteral("treeFilter"));
        QVERIFY(filter);
        filter->setText(QStringLiteral("cube"));
        QAbstractItemModel* shown = w.treeView()->model();
        const QModelIndex root = shown->index(0, 0);
        QCOMPARE(shown->rowCount(root), 1);
        QCOMPARE(shown->index(0, 0, root).data().toString(), QStringLiteral("grid"));
        filter->clear();
        QVERIFY(shown->rowCount(root) >= 5);
        w.views()->setCurrentIndex(0);
        // Ctrl+W closes the store of the selected item.
        QAction* close = nullptr;
        for (QAction* a : w.findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(QKeySequence::Close)) close = a;
        QVERIFY(close);
        close->trigger();
        QCOMPARE(w.treeModel()->containerCount(), 0);
    }

    void locationInsideAStoreSelectsIt() {
        MainWindow w;
        QSignalSpy opened(&w, &MainWindow::locationOpened);
        w.openLocation(fixture("explorer.zarr/grid/cube"));
        QVERIFY(opened.wait(60000));
        QTRY_VERIFY(w.currentNode() && w.currentNode()->summary.path == "grid/cube");
        QTRY_COMPARE(w.compressionPanel()->chunkModel()->rowCount(), 6);
    }

    void openDemoWritesAndOpensIt() {
        MainWindow w;
        w.setDemoDirectory(fixture("demo"));
        QSignalSpy opened(&w, &MainWindow::locationOpened);
        w.openDemo();
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 4, 90000);
        QCOMPARE(w.treeModel()->containerCount(), 4);
        QVERIFY(QFileInfo::exists(fixture("demo/genotype.h5")));
    }

    void screenshotsOfEveryView() {
        MainWindow w;
        const QString out = fixture("shots");
        ScreenshotRunner runner(&w, out);
        QSignalSpy finished(&runner, &ScreenshotRunner::finished);
        runner.start({fixture("explorer.zarr")});
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 90000);
        QCOMPARE(finished.front().front().toInt(), 0);
        QVERIFY(runner.writtenFiles().size() >= 3);
        for (const QString& f : runner.writtenFiles()) {
            QImage image(f);
            QVERIFY2(!image.isNull() && image.width() >= 800, qPrintable(f));
        }
    }
};

QTEST_MAIN(TestExplorerWindow)
#include "tst_explorer_window.moc"
