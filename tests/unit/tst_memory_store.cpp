#include <QtTest>

#include "core/store/memory_store.h"
#include "store_conformance.h"

class TestMemoryStore : public QObject {
    Q_OBJECT
private slots:
    void conformance_data() { cs_test::add_store_conformance_rows(); }
    void conformance() {
        QFETCH(QString, check);
        cs::MemoryStore store;
        cs_test::run_store_conformance_check(check, store);
    }

    void namesItself() {
        cs::MemoryStore store;
        QCOMPARE(QString::fromStdString(store.type_name()), QString("MemoryStore"));
        QCOMPARE(QString::fromStdString(store.location()), QString("<memory>"));
        QCOMPARE(QString::fromStdString(store.describe_key("a/0.0")), QString("<memory>/a/0.0"));
    }

    // A value handed out by get() is a copy: overwriting the key later does not change it.
    void valuesAreCopies() {
        cs::MemoryStore store;
        QVERIFY(store.set("k", cs::to_bytes("first")));
        auto held = store.get("k");
        QVERIFY(held && held->has_value());
        QVERIFY(store.set("k", cs::to_bytes("second")));
        QCOMPARE(cs::as_string_view(**held), std::string_view("first"));
    }

    // A key may be both a value and a folder in memory (a directory cannot); listings still
    // name it once.
    void keyAndFolderOfTheSameName() {
        cs::MemoryStore store;
        QVERIFY(store.set("a", cs::to_bytes("1")));
        QVERIFY(store.set("a-x", cs::to_bytes("2")));
        QVERIFY(store.set("a/b", cs::to_bytes("3")));
        auto root = store.list_dir("");
        QVERIFY(root);
        QCOMPARE(root->size(), std::size_t(2));
        QCOMPARE(QString::fromStdString((*root)[0]), QString("a"));
        QCOMPARE(QString::fromStdString((*root)[1]), QString("a-x"));
    }
};

QTEST_GUILESS_MAIN(TestMemoryStore)
#include "tst_memory_store.moc"
