// Our codecs against numcodecs 0.11 itself: at test time tests/interop/fixtures/codecs.py has
// numcodecs encode a matrix of inputs with every codec and a spread of configurations. For each
// case we (1) decode numcodecs' bytes to what numcodecs decodes them to, (2) encode the input to
// numcodecs' bytes exactly (gzip: apart from the MTIME field), (3) write config() as the same
// JSON text as json.dumps(get_config()).
#include <QTemporaryDir>
#include <QtTest>

#include "core/codec/blosc_blocks.h"
#include "core/codec/codec.h"
#include "interop/fixture_script.h"

namespace {

cs::Bytes read_bytes(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    const QByteArray data = file.readAll();
    return cs::Bytes(data.begin(), data.end());
}

// Which bytes differ from numcodecs and why: GZip stores the time of compression in bytes 4..7.
cs::Bytes without_gzip_mtime(cs::Bytes gzip) {
    for (std::size_t i = 4; i < 8 && i < gzip.size(); ++i) gzip[i] = 0;
    return gzip;
}

QString first_difference(const cs::Bytes& a, const cs::Bytes& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    return QString("sizes %1 vs %2, first difference at byte %3")
        .arg(a.size())
        .arg(b.size())
        .arg(i);
}

}  // namespace

class TestCodecInterop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString failed = cs::test::run_fixture_script("codecs.py", {dir_.path()});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QFile file(dir_.filePath("cases.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        auto manifest = cs::parse_json(file.readAll().toStdString(), "cases.json");
        QVERIFY2(manifest.has_value(), manifest ? "" : manifest.error().message.c_str());
        manifest_ = *manifest;
        QVERIFY(manifest_.size() > 50);
    }

    void decodesNumcodecsBytes_data() { add_rows(); }
    void decodesNumcodecsBytes() {
        QFETCH(int, index);
        const cs::Json& c = manifest_.as_array()[index];
        auto codec = make(c);
        QVERIFY(codec);
        const cs::Bytes encoded = read(c, ".enc");
        const cs::Bytes expected = read(c, ".dec");
        auto decoded = codec->decode(encoded, expected.size());
        QVERIFY2(decoded.has_value(), decoded ? "" : decoded.error().describe().c_str());
        QVERIFY2(*decoded == expected, qPrintable(first_difference(*decoded, expected)));
        auto unbounded = codec->decode(encoded, std::nullopt);
        QVERIFY2(unbounded.has_value(), unbounded ? "" : unbounded.error().describe().c_str());
        QVERIFY(*unbounded == expected);
    }

    // The block decoder a reduction folds blosc chunks with: every numcodecs blosc frame it
    // takes decodes, block after block, to what numcodecs decodes; and it takes every frame of
    // lz4, lz4hc, zlib or zstd blocks that is not bit-shuffled.
    void blockDecoderMatchesNumcodecs_data() { add_rows(); }
    void blockDecoderMatchesNumcodecs() {
        QFETCH(int, index);
        const cs::Json& c = manifest_.as_array()[index];
        const cs::Json& config = *c.find("config");
        if (config.find("id")->as_string() != "blosc") return;
        const cs::Bytes encoded = read(c, ".enc");
        const cs::Bytes expected = read(c, ".dec");
        const auto decoder = cs::BloscBlockDecoder::open(encoded);
        const std::string cname = config.find("cname")->as_string();
        const std::int64_t shuffle = config.find("shuffle")->as_int();
        const std::uint64_t item = c.find("element_size")->as_uint();
        const bool codec_ok =
            cname == "lz4" || cname == "lz4hc" || cname == "zlib" || cname == "zstd";
        const bool bit_shuffled = shuffle == 2 || (shuffle == -1 && item == 1);
        // A frame numcodecs had to store raw (clevel 0, or input under 128 bytes) is taken
        // whatever its codec, unless bit-shuffled.
        const bool memcpyed = encoded.size() >= 3 && (encoded[2] & 0x02);
        QCOMPARE(decoder.has_value(), (memcpyed || codec_ok) && !bit_shuffled);
        if (!decoder) return;
        QCOMPARE(decoder->decoded_size(), expected.size());
        cs::Bytes joined;
        for (std::size_t k = 0; k < decoder->block_count(); ++k) {
            cs::Bytes block(decoder->block_bytes(k));
            auto r = decoder->decode_block(k, block.data());
            QVERIFY2(r.has_value(), r ? "" : r.error().describe().c_str());
            joined.insert(joined.end(), block.begin(), block.end());
        }
        QVERIFY2(joined == expected, qPrintable(first_difference(joined, expected)));
    }

    void encodesLikeNumcodecs_data() { add_rows(); }
    void encodesLikeNumcodecs() {
        QFETCH(int, index);
        const cs::Json& c = manifest_.as_array()[index];
        if (c.find("decode_only")->as_bool()) return;  // its .enc is not an encoding of .in
        auto codec = make(c);
        QVERIFY(codec);
        auto encoded = codec->encode(read(c, ".in"));
        QVERIFY2(encoded.has_value(), encoded ? "" : encoded.error().describe().c_str());
        cs::Bytes theirs = read(c, ".enc");
        if (codec->id() == "gzip") theirs = without_gzip_mtime(std::move(theirs));
        QVERIFY2(*encoded == theirs, qPrintable(first_difference(*encoded, theirs)));
    }

    void configMatchesNumcodecs_data() { add_rows(); }
    void configMatchesNumcodecs() {
        QFETCH(int, index);
        const cs::Json& c = manifest_.as_array()[index];
        auto codec = make(c);
        QVERIFY(codec);
        QCOMPARE(QString::fromStdString(cs::write_json(codec->config())),
                 QString::fromStdString(c.find("config_json")->as_string()));
    }

private:
    void add_rows() {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < manifest_.size(); ++i) {
            const std::string name = manifest_.as_array()[i].find("name")->as_string();
            QTest::newRow(name.c_str()) << static_cast<int>(i);
        }
    }

    std::unique_ptr<cs::Codec> make(const cs::Json& c) {
        auto codec = cs::make_codec(*c.find("config"), c.find("element_size")->as_uint());
        if (!codec) {
            qWarning("%s", codec.error().describe().c_str());
            return nullptr;
        }
        return std::move(*codec);
    }

    cs::Bytes read(const cs::Json& c, const char* suffix) {
        return read_bytes(
            dir_.filePath(QString::fromStdString(c.find("name")->as_string()) + suffix));
    }

    QTemporaryDir dir_;
    cs::Json manifest_;
};

QTEST_GUILESS_MAIN(TestCodecInterop)
#include "tst_codec_interop.moc"
