// JsonTreeModel: nested attributes expand; scalars print as JSON would.
#include <QAbstractItemModelTester>
#include <QtTest>

#include "ui/models/json_tree_model.h"

using cs::ui::JsonTreeModel;

class TestJsonTreeModel : public QObject {
    Q_OBJECT
private slots:
    void nestedDocument() {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto doc = cs::parse_json(
            R"({"title": "t", "n": 3, "x": NaN, "nested": {"levels": [1, 2, 3], "ok": true}, "none": null})",
            "test");
        QVERIFY(doc.has_value());
        model.setDocument(*doc);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("t"));
        QCOMPARE(model.index(1, JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("3"));
        QCOMPARE(model.index(2, JsonTreeModel::ValueColumn).data().toString(),
                 QStringLiteral("NaN"));
        QCOMPARE(model.index(2, JsonTreeModel::TypeColumn).data().toString(),
                 QStringLiteral("float"));
        const QModelIndex nested = model.index(3, 0);
        QCOMPARE(model.rowCount(nested), 2);
        QCOMPARE(model.index(3, JsonTreeModel::ValueColumn).data().toString(),
                 QStringLiteral("{2 keys}"));
        const QModelIndex levels = model.index(0, 0, nested);
        QCOMPARE(levels.data().toString(), QStringLiteral("levels"));
        QCOMPARE(model.rowCount(levels), 3);
        QCOMPARE(model.index(2, 0, levels).data().toString(), QStringLiteral("[2]"));
        QCOMPARE(model.index(2, 1, levels).data().toString(), QStringLiteral("3"));
        QCOMPARE(model.parent(model.index(2, 0, levels)), levels);
        QCOMPARE(model.index(4, 1).data().toString(), QStringLiteral("null"));
        model.setDocument(cs::Json::object());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_json_tree_model.moc"
