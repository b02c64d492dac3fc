#include <QtTest>

#include "core/array/dtype.h"

using cs::DType;
using cs::DTypeKind;

class TestDType : public QObject {
    Q_OBJECT
private slots:
    void parsesAndWritesTypestrs_data() {
        QTest::addColumn<QString>("typestr");
        QTest::addColumn<int>("itemsize");
        QTest::addColumn<QString>("display");
        QTest::newRow("b1") << "|b1" << 1 << "bool";
        QTest::newRow("i1") << "|i1" << 1 << "int8";
        QTest::newRow("be i2") << ">i2" << 2 << ">int16";
        QTest::newRow("u8") << "<u8" << 8 << "uint64";
        QTest::newRow("f2") << "<f2" << 2 << "float16";
        QTest::newRow("be f8") << ">f8" << 8 << ">float64";
        QTest::newRow("c16") << "<c16" << 16 << "complex128";
        QTest::newRow("M8") << "<M8[ns]" << 8 << "datetime64[ns]";
        QTest::newRow("m8") << "<m8[10s]" << 8 << "timedelta64[10s]";
        QTest::newRow("S5") << "|S5" << 5 << "|S5";
        QTest::newRow("U3") << "<U3" << 12 << "<U3";
    }
    void parsesAndWritesTypestrs() {
        QFETCH(QString, typestr);
        QFETCH(int, itemsize);
        QFETCH(QString, display);
        auto d = DType::from_numpy(cs::Json(typestr.toStdString()));
        QVERIFY2(d.has_value(), d ? "" : d.error().message.c_str());
        QCOMPARE(int(d->itemsize), itemsize);
        QCOMPARE(QString::fromStdString(d->numpy_typestr()), typestr);
        QCOMPARE(QString::fromStdString(d->display_name()), display);
    }

    void structuredSizesAddUp() {
        auto descr = cs::parse_json(R"([["a", "<i4"], ["b", ">f8", [2]], ["c", "|S3"]])", "t");
        QVERIFY(descr.has_value());
        auto d = DType::from_numpy(*descr);
        QVERIFY(d.has_value());
        QCOMPARE(d->kind, DTypeKind::Structured);
        QCOMPARE(int(d->itemsize), 4 + 16 + 3);
        QVERIFY(d->to_zarr_json() == *descr);
    }

    void rejectsUnknownTypes_data() {
        QTest::addColumn<QString>("typestr");
        for (const char* s : {"<x4", "<i3", "<f1", "", "<", "<M8", "<i4junk", "<b2"})
            QTest::newRow(s) << s;
    }
    void rejectsUnknownTypes() {
        QFETCH(QString, typestr);
        QVERIFY(!DType::from_numpy(cs::Json(typestr.toStdString())).has_value());
    }
};

QTEST_GUILESS_MAIN(TestDType)
#include "tst_dtype.moc"
