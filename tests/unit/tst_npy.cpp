#include <QtTest>

#include "core/array/npy.h"
#include "core/array/python_literal.h"

using cs::ErrorCode;

namespace {

QByteArray read_file(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

cs::Bytes to_cs(const QByteArray& b) {
    return cs::Bytes(b.begin(), b.end());
}

QByteArray to_q(const cs::Bytes& b) {
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

QByteArray header_of(const cs::Result<cs::Bytes>& file) {
    if (!file) return QByteArray("error: ") + file.error().describe().c_str();
    return to_q(*file).left(200);
}

}  // namespace

class TestNpy : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QStringList cases_;

    QString fixture(const QString& name, const char* ext) const {
        return dir_.path() + "/" + name + ext;
    }

    struct Case {
        cs::DType dtype;
        cs::Shape shape;
        bool fortran = false;
        cs::Bytes raw;  // C order
    };
    Case load_case(const QString& name) const {
        Case c;
        auto meta = cs::parse_json(read_file(fixture(name, ".json")).toStdString(), "case");
        if (!meta) return c;
        c.dtype = cs::DType::from_numpy(*meta->find("descr")).value_or(cs::DType{});
        for (const auto& d : meta->find("shape")->as_array()) c.shape.push_back(d.as_uint());
        c.fortran = meta->find("fortran")->as_bool();
        c.raw = to_cs(read_file(fixture(name, ".raw")));
        return c;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QProcess py;
        py.start(CS_PYTHON, {CS_TESTS_DIR "/unit/npy_cases.py", "write", dir_.path()});
        QVERIFY(py.waitForFinished(120000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        cases_ = QString::fromUtf8(read_file(dir_.path() + "/cases.txt"))
                     .split('\n', Qt::SkipEmptyParts);
        QVERIFY(cases_.size() >= 20);
        QVERIFY(QDir(dir_.path()).mkdir("ours"));
    }

    void readsWhatNumpyWrote_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : cases_) QTest::newRow(name.toUtf8().constData()) << name;
    }
    void readsWhatNumpyWrote() {
        QFETCH(QString, name);
        const Case c = load_case(name);
        auto npy = cs::read_npy(fixture(name, ".npy").toStdString());
        QVERIFY2(npy.has_value(), npy ? "" : npy.error().describe().c_str());
        QCOMPARE(npy->shape, c.shape);
        QVERIFY2(npy->dtype == c.dtype, npy->dtype.display_name().c_str());
        QCOMPARE(to_q(npy->data), to_q(c.raw));
    }

    // Our bytes equal numpy.save's bytes exactly (header, padding, version), and numpy.load
    // reads our file back equal to the original array.
    void writesWhatNumpyWrites_data() { readsWhatNumpyWrote_data(); }
    void writesWhatNumpyWrites() {
        QFETCH(QString, name);
        const Case c = load_case(name);
        if (c.fortran) QSKIP("we always write C order; numpy kept Fortran order here");
        auto ours = cs::encode_npy(c.dtype, c.shape, c.raw);
        QVERIFY2(ours.has_value(), ours ? "" : ours.error().describe().c_str());
        const QByteArray numpy_bytes = read_file(fixture(name, ".npy"));
        QCOMPARE(header_of(ours), numpy_bytes.left(200));
        QCOMPARE(to_q(*ours), numpy_bytes);
        auto written = cs::write_npy((dir_.path() + "/ours/" + name + ".npy").toStdString(),
                                     c.dtype, c.shape, c.raw);
        QVERIFY2(written.has_value(), written ? "" : written.error().describe().c_str());
    }

    void numpyLoadsWhatWeWrote() {
        QProcess py;
        py.start(CS_PYTHON, {CS_TESTS_DIR "/unit/npy_cases.py", "verify", dir_.path()});
        QVERIFY(py.waitForFinished(120000));
        const QString out = QString::fromUtf8(py.readAllStandardOutput());
        QVERIFY2(py.exitCode() == 0,
                 qPrintable(out + QString::fromUtf8(py.readAllStandardError())));
        QVERIFY2(out.count("ok ") >= cases_.size() - 1, qPrintable(out));  // all but Fortran
    }

    void formatVersions() {
        QCOMPARE(int(std::uint8_t(read_file(fixture("int32_1d", ".npy"))[6])), 1);
        QCOMPARE(int(std::uint8_t(read_file(fixture("many_fields_v2", ".npy"))[6])), 2);
        QCOMPARE(int(std::uint8_t(read_file(fixture("greek_field_v3", ".npy"))[6])), 3);
    }

    void headerLayout() {
        auto h = cs::npy_header(cs::DType::scalar(cs::ScalarType::I16, cs::Endian::Big), {5});
        QVERIFY(h);
        QCOMPARE(h->size() % 64, std::size_t(0));
        QCOMPARE(h->back(), '\n');
        QVERIFY2(h->find("{'descr': '>i2', 'fortran_order': False, 'shape': (5,), }") == 10,
                 h->c_str());
        auto zero_d = cs::npy_header(cs::DType::scalar(cs::ScalarType::F64), {});
        QVERIFY(zero_d && zero_d->find("'shape': (), }") != std::string::npos);
        auto two_d = cs::npy_header(cs::DType::scalar(cs::ScalarType::U8), {2, 3});
        QVERIFY(two_d && two_d->find("'descr': '|u1'") != std::string::npos &&
                two_d->find("'shape': (2, 3), }") != std::string::npos);
    }

    void pythonRepr() {
        QCOMPARE(QString::fromStdString(cs::python_repr("abc")), QString("'abc'"));
        QCOMPARE(QString::fromStdString(cs::python_repr("it's")), QString("\"it's\""));
        QCOMPARE(QString::fromStdString(cs::python_repr("a'b\"c")), QString("'a\\'b\"c'"));
        QCOMPARE(QString::fromStdString(cs::python_repr("back\\slash\n")),
                 QString("'back\\\\slash\\n'"));
        QCOMPARE(QString::fromStdString(cs::python_repr(std::string("\x01", 1))),
                 QString("'\\x01'"));
    }

    void rejectsBadInput_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        auto file = [](const QByteArray& header, const QByteArray& data = QByteArray(),
                       char major = 1) {
            QByteArray out("\x93NUMPY", 6);
            out += major;
            out += '\0';
            const int len = int(header.size());
            out += char(len & 0xFF);
            out += char(len >> 8);
            if (major != 1) out += QByteArray(2, '\0');
            return out + header + data;
        };
        const int corrupt = int(ErrorCode::Corrupt);
        QTest::newRow("empty") << QByteArray() << corrupt << "magic";
        QTest::newRow("not npy") << QByteArray("PK\x03\x04 a zip file") << corrupt << "magic";
        QTest::newRow("version 9")
            << file("{}", {}, 9) << int(ErrorCode::Unsupported) << "version 9.0";
        QTest::newRow("header past end") << file("{'descr'").left(14) << corrupt << "header claims";
        QTest::newRow("not a dict") << file("[1, 2]") << corrupt << "exactly the keys";
        QTest::newRow("missing key")
            << file("{'descr': '<i4', 'shape': (1,), }") << corrupt << "exactly the keys";
        QTest::newRow("extra key")
            << file("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), 'x': 1}") << corrupt
            << "exactly the keys";
        QTest::newRow("negative shape")
            << file("{'descr': '<i4', 'fortran_order': False, 'shape': (-1,), }") << corrupt
            << "negative";
        QTest::newRow("shape not a tuple")
            << file("{'descr': '<i4', 'fortran_order': False, 'shape': 'x', }") << corrupt
            << "'shape'";
        QTest::newRow("order not bool")
            << file("{'descr': '<i4', 'fortran_order': 0, 'shape': (1,), }") << corrupt
            << "fortran_order";
        QTest::newRow("unknown dtype")
            << file("{'descr': '<x4', 'fortran_order': False, 'shape': (1,), }")
            << int(ErrorCode::Unsupported) << "<x4";
        QTest::newRow("object dtype")
            << file("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }")
            << int(ErrorCode::Unsupported) << "pickled";
        QTest::newRow("data cut off")
            << file("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }",
                    QByteArray(8, '\0'))
            << corrupt << "cut off";
        QTest::newRow("shape overflow")
            << file(
                   "{'descr': '<i8', 'fortran_order': False, 'shape': (4294967296, "
                   "4294967296), }")
            << corrupt << "too large";
        QTest::newRow("unterminated string") << file("{'descr: '<i4', ") << corrupt << "header";
        QTest::newRow("nested too deeply") << file(QByteArray(100, '[')) << corrupt << "deeply";
        QTest::newRow("garbage") << file("\xff\xfe{}") << corrupt << "unexpected character";
    }
    void rejectsBadInput() {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        auto r = cs::decode_npy(to_cs(bytes), "bad.npy");
        QVERIFY2(!r.has_value(), "accepted a bad file");
        QCOMPARE(int(r.error().code), code);
        QVERIFY2(r.error().message.starts_with("bad.npy"), r.error().message.c_str());
        QVERIFY2(r.error().message.find(mentions.toStdString()) != std::string::npos,
                 r.error().message.c_str());
    }

    void fileErrorsNameTheFile() {
        const std::string missing = (dir_.path() + "/missing.npy").toStdString();
        auto r = cs::read_npy(missing);
        QVERIFY(!r);
        QCOMPARE(int(r.error().code), int(ErrorCode::NotFound));
        QVERIFY(r.error().message.find(missing) != std::string::npos);
        auto folder = cs::read_npy(dir_.path().toStdString());
        QVERIFY(!folder);
        QCOMPARE(int(folder.error().code), int(ErrorCode::Io));
        const std::string nowhere = (dir_.path() + "/no/such/dir/x.npy").toStdString();
        auto w =
            cs::write_npy(nowhere, cs::DType::scalar(cs::ScalarType::I32), {1}, cs::Bytes(4, 0));
        QVERIFY(!w);
        QCOMPARE(int(w.error().code), int(ErrorCode::Io));
        QVERIFY(w.error().message.find(nowhere) != std::string::npos);
    }

    void writeChecksTheDataSize() {
        auto r = cs::encode_npy(cs::DType::scalar(cs::ScalarType::I32), {3}, cs::Bytes(8, 0));
        QVERIFY(!r);
        QCOMPARE(int(r.error().code), int(ErrorCode::InvalidArgument));
        QVERIFY(r.error().message.find("need 12") != std::string::npos);
        cs::DType object;
        object.kind = cs::DTypeKind::Object;
        object.itemsize = 8;
        auto o = cs::encode_npy(object, {1}, cs::Bytes(8, 0));
        QVERIFY(!o);
        QCOMPARE(int(o.error().code), int(ErrorCode::Unsupported));
    }
};

QTEST_GUILESS_MAIN(TestNpy)
#include "tst_npy.moc"
