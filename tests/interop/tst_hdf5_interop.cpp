// chunkscope's HDF5 / NetCDF-4 backend against the real peer: h5py, Debian's filter plugins and
// netCDF4 write the fixtures at test time (fixtures/hdf5_fixtures.py); every dataset must read
// back byte for byte as h5py's H5Dread gives it, with the same chunk index, and every kind of bad
// input must give a clear error that names the file and the dataset.
#include <QtTest>

#include <fstream>
#include <map>
#include <thread>

#include "core/hdf5/hdf5.h"
#include "core/hdf5/hdf5_dataset.h"

using namespace cs;

namespace {

constexpr const char* kPluginPath = "/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins";

Bytes read_file(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The whole array in C order, assembled chunk by chunk through read_chunk().
Result<Bytes> read_all(const ChunkedArray& array) {
    const ArrayMeta& m = array.meta();
    const std::size_t item = m.dtype.itemsize;
    Bytes out(m.nbytes());
    const std::size_t rank = m.grid.rank();
    for (std::uint64_t n = 0; n < m.grid.num_chunks(); ++n) {
        const ChunkCoords coords = m.grid.coords_of(n);
        CS_ASSIGN_OR_RETURN(Bytes chunk, array.read_chunk(coords));
        if (chunk.size() != m.chunk_nbytes())
            return fail(ErrorCode::Internal, "chunk has the wrong size");
        if (rank == 0) {
            std::copy(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(item),
                      out.begin());
            continue;
        }
        const Shape origin = m.grid.origin(coords);
        const Shape extent = m.grid.extent(coords);
        bool empty = false;
        for (auto e : extent) empty = empty || e == 0;
        if (empty) continue;
        std::vector<std::uint64_t> idx(rank, 0);
        while (true) {
            std::uint64_t src = 0, dst = 0;
            for (std::size_t i = 0; i < rank; ++i) {
                src = src * m.grid.chunk_shape[i] + idx[i];
                dst = dst * m.grid.shape[i] + origin[i] + idx[i];
            }
            std::memcpy(out.data() + dst * item, chunk.data() + src * item,
                        extent[rank - 1] * item);
            std::size_t axis = rank - 1;
            bool done = true;
            while (axis-- > 0) {
                if (++idx[axis] < extent[axis]) {
                    done = false;
                    break;
                }
                idx[axis] = 0;
            }
            if (done) break;
        }
    }
    return out;
}

QString describe(const Error& e) {
    return QString::fromStdString(e.describe());
}

}  // namespace

class TestHdf5Interop : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    Json manifest_;

    std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

    QProcess* python(const QStringList& args) {
        auto* p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HDF5_PLUGIN_PATH", kPluginPath);
        p->setProcessEnvironment(env);
        p->start(CS_PYTHON, args);
        return p;
    }

    std::shared_ptr<Container> open(const char* file) {
        auto c = open_hdf5_container(path(file));
        if (!c) qFatal("%s", c.error().describe().c_str());
        return *c;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QProcess* p =
            python({QString(CS_TESTS_DIR) + "/interop/fixtures/hdf5_fixtures.py", dir_.path()});
        QVERIFY(p->waitForFinished(120000));
        QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        const Bytes text = read_file(dir_.filePath("manifest.json"));
        auto m = parse_json(as_string_view(text), "manifest.json");
        QVERIFY(m.has_value());
        manifest_ = *m;
        QVERIFY(manifest_.find("datasets")->size() > 40);
    }

    void readsEveryDatasetLikeH5py() {
        std::map<std::string, std::shared_ptr<Container>> files;
        for (const Json& d : manifest_.find("datasets")->as_array()) {
            const std::string file = d.find("file")->as_string();
            const std::string name = d.find("dataset")->as_string();
            if (!files.count(file)) files[file] = open(file.c_str());
            auto array = files[file]->open_array(name);
            QVERIFY2(array.has_value(),
                     qPrintable(array ? QString()
                                      : QString::fromStdString(file + "/" + name + ": " +
                                                               array.error().describe())));
            const ArrayMeta& m = (*array)->meta();
            Shape shape;
            for (const Json& s : d.find("shape")->as_array()) shape.push_back(s.as_uint());
            QCOMPARE(m.shape(), shape);
            const std::string typestr = d.find("dtype")->as_string();
            // h5py reads its enum-backed bools as bool and compounds as records; we keep the
            // stored integer / raw record.
            if (typestr != "|b1" && typestr[1] != 'V')
                QCOMPARE(QString::fromStdString(m.dtype.numpy_typestr()),
                         QString::fromStdString(typestr));
            auto values = read_all(**array);
            QVERIFY2(values.has_value(), qPrintable(values ? QString() : describe(values.error())));
            const Bytes expected =
                read_file(dir_.filePath(QString::fromStdString(d.find("bin")->as_string())));
            QVERIFY2(*values == expected,
                     qPrintable(QString::fromStdString(file + "/" + name) + " differs from h5py"));
            // The chunk index matches h5py's get_chunk_info: offset, filter mask, address, size.
            const Json* info = d.find("chunk_info");
            if (d.find("chunks")->is_null()) continue;
            auto storage = (*array)->chunk_storage();
            QVERIFY(storage.has_value());
            std::size_t present = 0;
            for (const auto& c : *storage) present += c.present;
            QCOMPARE(present, info->size());
            for (const Json& c : info->as_array()) {
                ChunkCoords coords;
                const auto& offset = c.as_array()[0].as_array();
                for (std::size_t i = 0; i < offset.size(); ++i)
                    coords.push_back(offset[i].as_uint() / m.chunk_shape()[i]);
                const ChunkStorage& s = (*storage)[m.grid.linear_of(coords)];
                QVERIFY(s.present);
                QCOMPARE(std::uint64_t(s.filter_mask), c.as_array()[1].as_uint());
                QCOMPARE(s.file_offset, c.as_array()[2].as_uint());
                QCOMPARE(s.stored_bytes, c.as_array()[3].as_uint());
            }
        }
    }

    void readsChunksRawAndDecodesInParallel() {
        auto file = open("filters.h5");
        for (const char* name : {"gzip4_shuffle", "lzf_skipped", "blosc_lz4", "bzip2", "lz4",
                                 "gzip_shuffle_fletcher32", "lzf_shuffle_skipped"}) {
            auto array = file->open_array(name);
            QVERIFY(array.has_value());
            auto* h5 = dynamic_cast<Hdf5Array*>(array->get());
            QVERIFY(h5 && h5->direct_chunk_reads());
            const ArrayMeta& m = h5->meta();
            std::vector<std::optional<Bytes>> stored(m.grid.num_chunks());
            for (std::uint64_t n = 0; n < stored.size(); ++n) {
                auto s = h5->read_stored_chunk(m.grid.coords_of(n));
                QVERIFY(s.has_value());
                stored[n] = std::move(*s);
            }
            // Four threads decode at once, with no HDF5 call (and so no lock) among them.
            std::vector<Bytes> decoded(stored.size());
            std::atomic<int> failures{0};
            std::vector<std::thread> threads;
            for (int t = 0; t < 4; ++t) {
                threads.emplace_back([&, t] {
                    for (std::size_t n = static_cast<std::size_t>(t); n < stored.size(); n += 4) {
                        if (!stored[n]) continue;
                        auto d = h5->decode_chunk(m.grid.coords_of(n), *stored[n]);
                        if (d)
                            decoded[n] = std::move(*d);
                        else
                            ++failures;
                    }
                });
            }
            for (auto& t : threads) t.join();
            QCOMPARE(failures.load(), 0);
            for (std::size_t n = 0; n < stored.size(); ++n) {
                if (!stored[n]) continue;
                auto whole = h5->read_chunk(m.grid.coords_of(n));
                QVERIFY(whole.has_value());
                QVERIFY(*whole == decoded[n]);
            }
        }
    }

    void skippedOptionalFiltersShowInTheMask() {
        auto file = open("filters.h5");
        for (const char* name : {"lzf_skipped", "lzf_shuffle_skipped"}) {
            auto array = file->open_array(name);
            QVERIFY(array.has_value());
            auto storage = (*array)->chunk_storage();
            QVERIFY(storage.has_value());
            int masked = 0;
            for (const auto& c : *storage) masked += c.filter_mask != 0;
            QVERIFY2(masked > 0, name);
        }
    }

    // Past 10,000 chunks the listing does not look up addresses (each lookup walks the whole
    // chunk index in HDF5 1.10): presence and stored sizes still equal h5py's chunk index, the
    // chunks never written are absent, and every chunk still reads back.
    void manyChunksAreListedWithoutAddresses() {
        auto file = open("many.h5");
        auto array = file->open_array("many_chunks");
        QVERIFY(array.has_value());
        auto storage = (*array)->chunk_storage();
        QVERIFY(storage.has_value());
        const auto& sizes = manifest_.find("many_chunk_sizes")->as_array();
        QCOMPARE(storage->size(), sizes.size());
        std::size_t present = 0;
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            const ChunkStorage& c = (*storage)[i];
            QCOMPARE(c.present, sizes[i].as_uint() > 0);
            QCOMPARE(c.stored_bytes, sizes[i].as_uint());
            QVERIFY(!c.located);
            present += c.present;
        }
        QCOMPARE(present, std::size_t{9000});
        auto gap = (*array)->read_chunk(ChunkCoords{7000});
        QVERIFY(gap.has_value());
        std::int32_t v = 0;
        std::memcpy(&v, gap->data(), 4);
        QCOMPARE(v, -1);  // the fill value
        auto written = (*array)->read_chunk(ChunkCoords{9001});
        QVERIFY(written.has_value());
        std::memcpy(&v, written->data(), 4);
        QCOMPARE(v, 3);
    }

    void contiguousAndCompactAreCutIntoVirtualChunks() {
        auto file = open("filters.h5");
        for (const char* name :
             {"contiguous", "compact", "scalar", "contiguous_1d", "scaleoffset_fallback"}) {
            auto array = file->open_array(name);
            QVERIFY(array.has_value());
            auto* h5 = dynamic_cast<Hdf5Array*>(array->get());
            QVERIFY(!h5->direct_chunk_reads());
            QVERIFY(h5->layout() != Hdf5Layout::Chunked || h5->pipeline().first_undecodable());
        }
        auto big = file->open_array("contiguous");
        QVERIFY((*big)->meta().grid.num_chunks() > 1);  // 1.2 MB in ~1 MiB pieces
        ReadStats stats;
        auto stored = (*big)->read_stored_chunk(ChunkCoords{0, 0}, &stats);
        QVERIFY(stored.has_value() && stored->has_value());
        QVERIFY(stats.stored_bytes > 0);
    }

    void infoReadsLikeH5lsVerbose() {
        auto file = open("filters.h5");
        auto array = file->open_array("gzip4_shuffle");
        QVERIFY(array.has_value());
        std::map<std::string, std::string> info;
        for (const auto& f : (*array)->info()) info[f.name] = f.value;
        QCOMPARE(QString::fromStdString(info["Layout"]), QString("chunked"));
        QCOMPARE(QString::fromStdString(info["Chunks"]), QString("{10, 16} 640 bytes"));
        QCOMPARE(QString::fromStdString(info["Dataspace"]), QString("{37/37, 53/53}"));
        QCOMPARE(QString::fromStdString(info["Filter-0"]), QString("shuffle-2 OPT {4}"));
        QCOMPARE(QString::fromStdString(info["Filter-1"]), QString("deflate-1 OPT {4}"));
        QCOMPARE(QString::fromStdString(info["Fill value"]), QString("0"));
        QVERIFY(info["Storage"].find("7844 logical bytes") != std::string::npos);
        QVERIFY(!info["Ratio"].empty());
        QCOMPARE(QString::fromStdString(info["Chunks allocated"]), QString("16 of 16"));
        auto unlimited = file->open_array("unlimited");
        std::map<std::string, std::string> u;
        for (const auto& f : (*unlimited)->info()) u[f.name] = f.value;
        QCOMPARE(QString::fromStdString(u["Dataspace"]), QString("{13/Inf, 20/20}"));
        auto sparse = file->open_array("sparse");
        std::map<std::string, std::string> s;
        for (const auto& f : (*sparse)->info()) s[f.name] = f.value;
        QCOMPARE(QString::fromStdString(s["Fill value"]), QString("-7"));
        QCOMPARE(QString::fromStdString(s["Chunks allocated"]), QString("3 of 100"));
        const Json& codecs = (*array)->meta().codecs;
        QCOMPARE(codecs.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(codecs.as_array()[1].find("id")->as_string()),
                 QString("deflate"));
    }

    void treeLinksAndNamedTypes() {
        auto file = open("tree.h5");
        QCOMPARE(QString::fromStdString(file->format()), QString("HDF5"));
        auto kids = file->children("");
        QVERIFY2(kids.has_value(), qPrintable(kids ? QString() : describe(kids.error())));
        std::map<std::string, NodeSummary> by_name;
        std::vector<std::string> names;
        for (const auto& k : *kids) {
            by_name[k.name] = k;
            names.push_back(k.name);
        }
        QCOMPARE(names,
                 (std::vector<std::string>{"calldata", "dangling", "empty", "external",
                                           "external_broken", "soft", "typedef", "vlen_strings"}));
        QCOMPARE(by_name["calldata"].kind, NodeKind::Group);
        QCOMPARE(by_name["dangling"].kind, NodeKind::Broken);
        QVERIFY(by_name["dangling"].note.find("/nowhere") != std::string::npos);
        QCOMPARE(by_name["external_broken"].kind, NodeKind::Broken);
        QVERIFY(by_name["external_broken"].note.find("missing.h5") != std::string::npos);
        QCOMPARE(by_name["external"].kind, NodeKind::Link);
        QCOMPARE(by_name["soft"].kind, NodeKind::Link);
        QVERIFY(by_name["soft"].note.find("/calldata/genotype") != std::string::npos);
        QCOMPARE(by_name["soft"].shape, (Shape{40, 10, 2}));
        QVERIFY(by_name["typedef"].note.find("named datatype") != std::string::npos);
        QCOMPARE(by_name["vlen_strings"].kind, NodeKind::Array);
        QVERIFY(by_name["vlen_strings"].note.find("variable-length") != std::string::npos);
        auto inner = file->children("calldata");
        QVERIFY(inner.has_value());
        QCOMPARE(inner->size(), std::size_t{1});
        QCOMPARE((*inner)[0].chunk_shape, (Shape{16, 10, 2}));
        QVERIFY((*inner)[0].stored_bytes.has_value());
        // Paths through links resolve.
        auto via_soft = file->open_array("soft");
        QVERIFY(via_soft.has_value());
        auto direct = file->open_array("/calldata/genotype/");
        QVERIFY(direct.has_value());
        QVERIFY(*read_all(**via_soft) == *read_all(**direct));
        auto external = file->open_array("external");
        QVERIFY2(external.has_value(),
                 qPrintable(external ? QString() : describe(external.error())));
        const Bytes ext = *read_all(**external);
        QCOMPARE(ext.size(), std::size_t{40});
        QCOMPARE(int(ext[8]), 1);
        auto missing = file->node("calldata/nothing");
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY(missing.error().message.find("tree.h5") != std::string::npos);
        auto vlen = file->open_array("vlen_strings");
        QVERIFY(!vlen);
        QCOMPARE(vlen.error().code, ErrorCode::Unsupported);
    }

    void attributesOfEveryKind() {
        auto file = open("tree.h5");
        auto attrs = file->attributes("");
        QVERIFY(attrs.has_value());
        const QString text = QString::fromStdString(write_json(*attrs, {.sort_keys = true}));
        QCOMPARE(
            text,
            QString(R"({"big": [1, 2, 3], "fixed_title": "fixed", "matrix": [[0.0, 1.0, 2.0], )"
                    R"([3.0, 4.0, 5.0]], "names": ["a", "bc"], "point": {"n": 7, "v": 2.5}, )"
                    R"("scale": 0.5, "title": "tree fixture", "version": 3, )"
                    R"("vlen_names": ["x", "yz"], "vlen_title": "variable length"})"));
        auto gt = file->attributes("calldata/genotype");
        QVERIFY(gt.has_value());
        QCOMPARE(QString::fromStdString(gt->find("units")->as_string()), QString("calls"));
    }

    void netcdfDimensionsAndCoordinates() {
        auto file = open("climate.nc");
        QCOMPARE(QString::fromStdString(file->format()), QString("NetCDF-4"));
        auto kids = file->children("");
        QVERIFY(kids.has_value());
        std::map<std::string, NodeSummary> by_name;
        for (const auto& k : *kids) by_name[k.name] = k;
        QCOMPARE(by_name["nv"].kind, NodeKind::Dimension);
        QCOMPARE(by_name["nv"].shape, (Shape{2}));
        QCOMPARE(by_name["time"].kind, NodeKind::Array);
        QCOMPARE(QString::fromStdString(by_name["time"].note), QString("coordinate variable"));
        QCOMPARE(QString::fromStdString(by_name["lat"].note), QString("coordinate variable"));
        QCOMPARE(QString::fromStdString(by_name["temp"].note),
                 QString("dimensions (time, lat, lon)"));
        auto temp = file->open_array("temp");
        QVERIFY(temp.has_value());
        const ArrayMeta& m = (*temp)->meta();
        QCOMPARE(m.dimension_names, (std::vector<std::string>{"time", "lat", "lon"}));
        QVERIFY(m.fill_value.has_value());
        float fill = 0;
        std::memcpy(&fill, m.fill_value->data(), 4);
        QCOMPARE(fill, -999.0f);
        QCOMPARE(m.attributes.find("_FillValue")->as_double(), -999.0);
        QCOMPARE(QString::fromStdString(m.attributes.find("units")->as_string()), QString("K"));
        auto* h5 = dynamic_cast<Hdf5Array*>(temp->get());
        QCOMPARE(h5->max_shape()[0], Hdf5Array::kUnlimited);
        auto bounds = file->open_array("lat_bnds");
        QCOMPARE((*bounds)->meta().dimension_names, (std::vector<std::string>{"lat", "nv"}));
        auto lat = file->open_array("lat");
        QCOMPARE((*lat)->meta().dimension_names, (std::vector<std::string>{"lat"}));
        std::map<std::string, std::string> info;
        for (const auto& f : (*temp)->info()) info[f.name] = f.value;
        QCOMPARE(QString::fromStdString(info["Dimensions"]), QString("{time, lat, lon}"));
        auto nv = file->open_array("nv");
        QVERIFY(!nv);
        QVERIFY(nv.error().message.find("dimension") != std::string::npos);
    }

    void badFilesGiveClearErrors() {
        auto not_hdf5 = open_hdf5_container(path("notes.txt"));
        QVERIFY(!not_hdf5);
        QCOMPARE(not_hdf5.error().code, ErrorCode::Corrupt);
        QVERIFY(not_hdf5.error().message.find("notes.txt") != std::string::npos);
        auto missing = open_hdf5_container(path("absent.h5"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        auto truncated = open_hdf5_container(path("truncated.h5"));
        if (truncated) {
            // The superblock survived: then the datasets past the cut must fail, clearly.
            auto array = (*truncated)->open_array("gzip1");
            if (array) {
                auto values = read_all(**array);
                QVERIFY(!values);
                QVERIFY(values.error().message.find("truncated.h5") != std::string::npos);
            }
        } else {
            QVERIFY(truncated.error().message.find("truncated.h5") != std::string::npos);
            QVERIFY2(truncated.error().message.find("truncated") != std::string::npos,
                     qPrintable(describe(truncated.error())));
        }
    }

    void badChunksGiveClearErrorsAndTheRestStaysUsable() {
        auto file = open("bad.h5");
        auto fletcher = file->open_array("fletcher_bad");
        QVERIFY(fletcher.has_value());
        auto broken = (*fletcher)->read_chunk(ChunkCoords{0, 0});
        QVERIFY(!broken);
        QCOMPARE(broken.error().code, ErrorCode::Corrupt);
        QVERIFY2(
            broken.error().message.find("bad.h5/fletcher_bad: chunk (0, 0)") != std::string::npos,
            qPrintable(describe(broken.error())));
        QVERIFY(broken.error().message.find("checksum") != std::string::npos);
        QVERIFY((*fletcher)->read_chunk(ChunkCoords{1, 1}).has_value());

        auto wrong = file->open_array("wrong_size");
        QVERIFY(wrong.has_value());
        auto short_chunk = (*wrong)->read_chunk(ChunkCoords{0, 0});
        QVERIFY(!short_chunk);
        QCOMPARE(short_chunk.error().code, ErrorCode::Corrupt);
        QVERIFY2(short_chunk.error().message.find("bad.h5/wrong_size: chunk (0, 0)") !=
                     std::string::npos,
                 qPrintable(describe(short_chunk.error())));
        QVERIFY(short_chunk.error().message.find("expected 400") != std::string::npos);
        QVERIFY((*wrong)->read_chunk(ChunkCoords{0, 1}).has_value());

        auto unknown = file->open_array("unknown_filter");
        QVERIFY(unknown.has_value());
        auto* h5 = dynamic_cast<Hdf5Array*>(unknown->get());
        QVERIFY(!h5->direct_chunk_reads());
        auto unreadable = (*unknown)->read_chunk(ChunkCoords{0});
        QVERIFY(!unreadable);
        QVERIFY2(unreadable.error().message.find("bad.h5/unknown_filter") != std::string::npos,
                 qPrintable(describe(unreadable.error())));
        QCOMPARE(unreadable.error().code, ErrorCode::Unsupported);
        QVERIFY2(unreadable.error().message.find("filter") != std::string::npos &&
                     unreadable.error().message.find("not registered") != std::string::npos,
                 qPrintable(describe(unreadable.error())));

        // The good dataset of the same file still reads equal to h5py.
        auto good = file->open_array("good");
        QVERIFY(good.has_value());
        const Json* entry = nullptr;
        for (const Json& d : manifest_.find("datasets")->as_array())
            if (d.find("file")->as_string() == "bad.h5") entry = &d;
        QVERIFY(entry);
        QVERIFY(*read_all(**good) ==
                read_file(dir_.filePath(QString::fromStdString(entry->find("bin")->as_string()))));
    }

    // An edge chunk is stored whole, with whatever its writer put past the array's end; reading
    // it gives the fill value there. Three axes with the middle and first ones short (the allele
    // data's edge chunks are short in the middle) and a two-byte fill value whose bytes differ.
    void edgeChunksReadFillPastTheArraysEnd() {
        const std::string out = path("edges.h5");
        Hdf5CreateOptions options;
        options.dtype = DType::scalar(ScalarType::I16);
        options.shape = {7, 5, 2};
        options.chunk_shape = {4, 3, 2};
        const std::int16_t fill = -7;
        options.fill_value = Bytes(2);
        std::memcpy(options.fill_value->data(), &fill, 2);
        auto created = create_hdf5_dataset(out, "g", options);
        QVERIFY2(created.has_value(), qPrintable(created ? QString() : describe(created.error())));
        ChunkedArray& array = **created;
        const ArrayMeta& m = array.meta();
        // Inside: i * 100 + j * 10 + k. Past the end: 5555, which must not be read back.
        const auto value = [](std::uint64_t i, std::uint64_t j, std::uint64_t k) {
            return i < 7 && j < 5 ? static_cast<std::int16_t>(i * 100 + j * 10 + k)
                                  : std::int16_t{5555};
        };
        for (std::uint64_t n = 0; n < m.grid.num_chunks(); ++n) {
            const ChunkCoords c = m.grid.coords_of(n);
            Bytes chunk(m.chunk_nbytes());
            auto* v = reinterpret_cast<std::int16_t*>(chunk.data());
            for (std::uint64_t a = 0; a < 4; ++a)
                for (std::uint64_t b = 0; b < 3; ++b)
                    for (std::uint64_t k = 0; k < 2; ++k)
                        v[(a * 3 + b) * 2 + k] = value(c[0] * 4 + a, c[1] * 3 + b, k);
            QVERIFY(array.write_chunk(c, chunk).has_value());
        }
        created->reset();
        auto g = open_hdf5_container(out).value()->open_array("g");
        QVERIFY(g.has_value());
        for (std::uint64_t n = 0; n < m.grid.num_chunks(); ++n) {
            const ChunkCoords c = m.grid.coords_of(n);
            auto chunk = (*g)->read_chunk(c);
            QVERIFY(chunk.has_value());
            const auto* v = reinterpret_cast<const std::int16_t*>(chunk->data());
            for (std::uint64_t a = 0; a < 4; ++a)
                for (std::uint64_t b = 0; b < 3; ++b)
                    for (std::uint64_t k = 0; k < 2; ++k) {
                        const std::uint64_t i = c[0] * 4 + a, j = c[1] * 3 + b;
                        const std::int16_t want = i < 7 && j < 5 ? value(i, j, k) : fill;
                        QVERIFY2(v[(a * 3 + b) * 2 + k] == want,
                                 qPrintable(QStringLiteral("element (%1, %2, %3) reads %4")
                                                .arg(i)
                                                .arg(j)
                                                .arg(k)
                                                .arg(v[(a * 3 + b) * 2 + k])));
                    }
        }
    }

    void writtenDatasetsReadBackInH5py() {
        const std::string out = path("written.h5");
        Hdf5CreateOptions options;
        options.dtype = DType::scalar(ScalarType::I32);
        options.shape = {50, 30};
        options.chunk_shape = {16, 8};
        options.gzip_level = 3;
        options.shuffle = true;
        auto created = create_hdf5_dataset(out, "calldata/genotype", options);
        QVERIFY2(created.has_value(), qPrintable(created ? QString() : describe(created.error())));
        ChunkedArray& array = **created;
        QVERIFY(array.writable());
        const ArrayMeta& m = array.meta();
        // Element (i, j) holds i * 1000 + j; chunks are encoded on four threads and written under
        // the lock.
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (std::uint64_t n = static_cast<std::uint64_t>(t); n < m.grid.num_chunks();
                     n += 4) {
                    const ChunkCoords c = m.grid.coords_of(n);
                    Bytes chunk(m.chunk_nbytes());
                    auto* v = reinterpret_cast<std::int32_t*>(chunk.data());
                    for (std::uint64_t a = 0; a < 16; ++a)
                        for (std::uint64_t b = 0; b < 8; ++b)
                            v[a * 8 + b] =
                                static_cast<std::int32_t>((c[0] * 16 + a) * 1000 + c[1] * 8 + b);
                    if (!array.write_chunk(c, chunk)) ++failures;
                }
            });
        }
        for (auto& t : threads) t.join();
        QCOMPARE(failures.load(), 0);
        auto ours = read_all(array);
        QVERIFY(ours.has_value());
        // The edge chunk was written whole; past the array's end it reads as the fill value.
        auto edge = array.read_chunk(ChunkCoords{3, 3});
        QVERIFY(edge.has_value());
        const auto* e = reinterpret_cast<const std::int32_t*>(edge->data());
        QCOMPARE(e[0], 48024);          // inside: (48, 24)
        QCOMPARE(e[1 * 8 + 5], 49029);  // inside: (49, 29)
        QCOMPARE(e[1 * 8 + 6], 0);      // column 30: outside
        QCOMPARE(e[2 * 8 + 0], 0);      // row 50: outside
        created->reset();               // closes the file

        QProcess* p = python({QString(CS_TESTS_DIR) + "/interop/fixtures/hdf5_read_back.py",
                              QString::fromStdString(out), "calldata/genotype",
                              dir_.filePath("written.bin")});
        QVERIFY(p->waitForFinished(60000));
        QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        auto facts = parse_json(p->readAllStandardOutput().toStdString(), "read back");
        QVERIFY(facts.has_value());
        QCOMPARE(QString::fromStdString(facts->find("compression")->as_string()), QString("gzip"));
        QCOMPARE(facts->find("compression_opts")->as_int(), 3);
        QCOMPARE(facts->find("shuffle")->as_bool(), true);
        QCOMPARE(QString::fromStdString(facts->find("dtype")->as_string()), QString("<i4"));
        const Bytes theirs = read_file(dir_.filePath("written.bin"));
        QCOMPARE(theirs.size(), std::size_t{50 * 30 * 4});
        QVERIFY(theirs == *ours);
        const auto* v = reinterpret_cast<const std::int32_t*>(theirs.data());
        QCOMPARE(v[49 * 30 + 29], 49029);

        // And our reader sees the file h5py just read, through a fresh container.
        auto reopened = open_hdf5_container(out);
        QVERIFY(reopened.has_value());
        auto again = (*reopened)->open_array("calldata/genotype");
        QVERIFY(again.has_value());
        QVERIFY(*read_all(**again) == theirs);
    }

    void cliInfoAndCatOnHdf5Locations() {
        if (!QFile::exists(CS_CLI_PATH)) QSKIP("chunkscope-cli is not built");
        auto cli = [&](const QStringList& args, int expected_exit) {
            QProcess p;
            p.start(CS_CLI_PATH, args);
            if (!p.waitForFinished(60000)) qFatal("chunkscope-cli did not finish");
            const QString out =
                QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
            if (p.exitCode() != expected_exit)
                qWarning("chunkscope-cli %s: exit %d\n%s", qPrintable(args.join(' ')), p.exitCode(),
                         qPrintable(out));
            return std::make_pair(p.exitCode(), out);
        };
        auto [code, info] = cli({"info", dir_.filePath("tree.h5") + "/calldata/genotype"}, 0);
        QCOMPARE(code, 0);
        for (const char* expected : {"chunked", "{16, 10, 2} 320 bytes", "deflate-1 OPT {3}",
                                     "Fill value", "allocated bytes", "Ratio"})
            QVERIFY2(info.contains(expected), qPrintable(info));
        auto [nc_code, nc_info] = cli({"info", dir_.filePath("climate.nc") + "/temp"}, 0);
        QCOMPARE(nc_code, 0);
        QVERIFY2(nc_info.contains("{time, lat, lon}"), qPrintable(nc_info));
        QVERIFY2(nc_info.contains("{3/Inf, 4/4, 5/5}"), qPrintable(nc_info));
        auto [tree_code, tree] = cli({"info", dir_.filePath("climate.nc")}, 0);
        QCOMPARE(tree_code, 0);
        QVERIFY2(tree.contains("NetCDF-4") && tree.contains("nv") &&
                     tree.contains("coordinate variable"),
                 qPrintable(tree));

        // cat writes .npy: its data section is what h5py reads.
        const QString npy = dir_.filePath("temp.npy");
        auto [cat_code, cat_out] =
            cli({"cat", dir_.filePath("climate.nc") + "/temp", "-o", npy}, 0);
        QCOMPARE(cat_code, 0);
        const Json* entry = nullptr;
        for (const Json& d : manifest_.find("datasets")->as_array())
            if (d.find("file")->as_string() == "climate.nc" &&
                d.find("dataset")->as_string() == "temp")
                entry = &d;
        QVERIFY(entry);
        const Bytes expected =
            read_file(dir_.filePath(QString::fromStdString(entry->find("bin")->as_string())));
        const Bytes written = read_file(npy);
        QVERIFY(written.size() > expected.size());
        QVERIFY(std::equal(expected.begin(), expected.end(),
                           written.end() - static_cast<std::ptrdiff_t>(expected.size())));

        auto [bad_code, bad] = cli(
            {"cat", dir_.filePath("bad.h5") + "/fletcher_bad", "-o", dir_.filePath("bad.npy")}, 2);
        QCOMPARE(bad_code, 2);
        QVERIFY2(bad.contains("bad.h5/fletcher_bad") && bad.contains("checksum"), qPrintable(bad));
        auto [not_code, not_hdf5] = cli({"info", dir_.filePath("notes.txt") + "/x"}, 2);
        QCOMPARE(not_code, 2);
        QVERIFY2(not_hdf5.contains("notes.txt"), qPrintable(not_hdf5));
    }

    void writerRejectsBadOptions() {
        Hdf5CreateOptions options;
        options.dtype = DType::scalar(ScalarType::F64);
        options.shape = {10};
        options.chunk_shape = {0};
        auto zero = create_hdf5_dataset(path("bad_opts.h5"), "x", options);
        QVERIFY(!zero);
        QCOMPARE(zero.error().code, ErrorCode::InvalidArgument);
        QVERIFY(zero.error().message.find("bad_opts.h5/x") != std::string::npos);
        options.chunk_shape = {5};
        options.gzip_level = 12;
        QVERIFY(!create_hdf5_dataset(path("bad_opts.h5"), "x", options));
        options.gzip_level = 1;
        auto ok = create_hdf5_dataset(path("bad_opts.h5"), "x", options);
        QVERIFY(ok.has_value());
        auto wrong_size = (*ok)->write_chunk(ChunkCoords{0}, Bytes(8));
        QVERIFY(!wrong_size);
        QCOMPARE(wrong_size.error().code, ErrorCode::InvalidArgument);
        auto outside = (*ok)->write_chunk(ChunkCoords{2}, Bytes(40));
        QVERIFY(!outside);
    }
};

QTEST_GUILESS_MAIN(TestHdf5Interop)
#include "tst_hdf5_interop.moc"
