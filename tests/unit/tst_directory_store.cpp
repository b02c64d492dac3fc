#include <QtTest>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include "core/store/directory_store.h"
#include "store_conformance.h"

using cs::ErrorCode;

namespace {

QByteArray read_file(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return "<unreadable>";
    return f.readAll();
}

bool write_file(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Every entry under `folder`, hidden ones included, as paths relative to it.
QStringList all_entries(const QString& folder) {
    QStringList out;
    QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) out << QDir(folder).relativeFilePath(it.next());
    out.sort();
    return out;
}

std::string str(const QString& s) {
    return s.toStdString();
}

}  // namespace

class TestDirectoryStore : public QObject {
    Q_OBJECT
private slots:
    void conformance_data() { cs_test::add_store_conformance_rows(); }
    void conformance() {
        QFETCH(QString, check);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        cs::DirectoryStore store(str(dir.path() + "/store.zarr"));
        cs_test::run_store_conformance_check(check, store);
    }

    void namesItselfAndItsFiles() {
        cs::DirectoryStore store("/data/g.zarr/");
        QCOMPARE(QString::fromStdString(store.type_name()), QString("DirectoryStore"));
        QCOMPARE(QString::fromStdString(store.location()), QString("/data/g.zarr"));
        QCOMPARE(QString::fromStdString(store.describe_key("a/0.0")),
                 QString("/data/g.zarr/a/0.0"));
        QCOMPARE(QString::fromStdString(store.path_of("a/0.0")), QString("/data/g.zarr/a/0.0"));
    }

    void keysAreFilesUnderTheRoot() {
        QTemporaryDir dir;
        cs::DirectoryStore store(str(dir.path()));
        QVERIFY(store.set("g/arr/0.0", cs::to_bytes("chunk")));
        QCOMPARE(read_file(dir.path() + "/g/arr/0.0"), QByteArray("chunk"));
        QVERIFY(write_file(dir.path() + "/g/.zattrs", "{}"));
        auto got = store.get("g/.zattrs");
        QVERIFY(got && got->has_value());
        QCOMPARE(cs::as_string_view(**got), std::string_view("{}"));
    }

    void missingRootReadsEmptyAndIsCreatedOnWrite() {
        QTemporaryDir dir;
        cs::DirectoryStore store(str(dir.path() + "/not/yet"));
        auto got = store.get("a");
        QVERIFY(got && !got->has_value());
        auto keys = store.list_prefix("");
        QVERIFY(keys && keys->empty());
        auto names = store.list_dir("");
        QVERIFY(names && names->empty());
        QVERIFY(store.erase("a"));
        QVERIFY(store.set("a", cs::to_bytes("1")));
        QCOMPARE(read_file(dir.path() + "/not/yet/a"), QByteArray("1"));
    }

    // set() goes through a temporary and a rename: after many overwrites, from many threads on
    // one key, only the target file is left and it holds one whole value.
    void atomicWritesLeaveNoTemporary() {
        QTemporaryDir dir;
        cs::DirectoryStore store(str(dir.path()));
        const cs::Bytes a(100000, 'a');
        const cs::Bytes b(70000, 'b');
        std::vector<std::thread> writers;
        std::atomic<int> failures{0};
        for (int t = 0; t < 4; ++t) {
            writers.emplace_back([&, t] {
                for (int i = 0; i < 25; ++i)
                    if (!store.set("g/k", (t + i) % 2 ? a : b)) ++failures;
            });
        }
        for (auto& w : writers) w.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(all_entries(dir.path()), (QStringList{"g", "g/k"}));
        const QByteArray final_value = read_file(dir.path() + "/g/k");
        QVERIFY(final_value == QByteArray(100000, 'a') || final_value == QByteArray(70000, 'b'));
    }

    void listingsSkipTemporaries() {
        QTemporaryDir dir;
        cs::DirectoryStore store(str(dir.path()));
        QVERIFY(store.set("g/0.0", cs::to_bytes("x")));
        QVERIFY(write_file(dir.path() + "/g/.0.1.cs-tmp.123.4", "torn"));
        auto keys = store.list_prefix("");
        QVERIFY(keys);
        QCOMPARE(cs_test::store_checks::qlist(*keys), QStringList{"g/0.0"});
        auto names = store.list_dir("g");
        QVERIFY(names);
        QCOMPARE(cs_test::store_checks::qlist(*names), QStringList{"0.0"});
        // And nobody can create a value that the listings would hide.
        auto reserved = store.set("g/.x.cs-tmp.1.2", cs::to_bytes("y"));
        QVERIFY(!reserved);
        QCOMPARE(int(reserved.error().code), int(ErrorCode::InvalidArgument));
    }

    // Root ignores permission bits, so values the OS cannot read stand in for an unreadable file
    // in every run: a symlink loop (ELOOP) and a FIFO (which must fail, not block the reader).
    // The chmod 000 case runs only as a normal user.
    void unreadableValueIsAnErrorNamingTheFile() {
        QTemporaryDir dir;
        cs::DirectoryStore store(str(dir.path()));
        QVERIFY(QDir(dir.path()).mkdir("g"));
        QVERIFY(::symlink("loop", str(dir.path() + "/g/loop").c_str()) == 0);
        QVERIFY(::mkfifo(str(dir.path() + "/g/fifo").c_str(), 0644) == 0);
        for (const char* key : {"g/loop", "g/fifo"}) {
            const std::string path = str(dir.path()) + "/" + key;
            auto got = store.get(key);
            QVERIFY2(!got, key);
            QCOMPARE(int(got.error().code), int(ErrorCode::Io));
            QVERIFY2(got.error().message.find(path) != std::string::npos,
                     got.error().message.c_str());
            auto range = store.get_range(key, 0, 1);
            QVERIFY2(!range, key);
            QCOMPARE(int(range.error().code), int(ErrorCode::Io));
            auto size = store.size(key);
            QVERIFY2(!size, key);
            QCOMPARE(int(size.error().code), int(ErrorCode::Io));
        }
        auto loop = store.get("g/loop");
        QVERIFY2(loop.error().message.find("symbolic links") != std::string::npos,
                 loop.error().message.c_str());

        // A folder is a prefix, not a value: absent, and erase never deletes it.
        QVERIFY(QDir(dir.path()).mkpath("g/0.0/inner"));
        auto folder = store.get("g/0.0");
        QVERIFY(folder && !folder->has_value());
        QVERIFY(store.erase("g/0.0"));
        QVERIFY(QDir(dir.path() + "/g/0.0/inner").exists());

        if (::geteuid() == 0) QSKIP("running as root: chmod 000 does not stop root from reading");
        QVERIFY(store.set("g/locked", cs::to_bytes("secret")));
        QVERIFY(::chmod(str(dir.path() + "/g/locked").c_str(), 0) == 0);
        auto locked = store.get("g/locked");
        QVERIFY(!locked);
        QCOMPARE(int(locked.error().code), int(ErrorCode::Io));
        QVERIFY2(locked.error().message.find("g/locked") != std::string::npos &&
                     locked.error().message.find("ermission denied") != std::string::npos,
                 locked.error().message.c_str());
    }

    // "z/x" cannot exist when "z" is a value: reads say absent, writes fail and leave nothing.
    void parentThatIsAFile() {
        QTemporaryDir dir;
        cs::DirectoryStore store(str(dir.path()));
        QVERIFY(store.set("z", cs::to_bytes("value")));
        auto got = store.get("z/x");
        QVERIFY(got && !got->has_value());
        QVERIFY(store.erase("z/x"));
        auto written = store.set("z/x", cs::to_bytes("nope"));
        QVERIFY(!written);
        QCOMPARE(int(written.error().code), int(ErrorCode::Io));
        QVERIFY2(written.error().message.find(str(dir.path() + "/z")) != std::string::npos &&
                     written.error().message.find("is a file") != std::string::npos,
                 written.error().message.c_str());
        QCOMPARE(all_entries(dir.path()), QStringList{"z"});
        QCOMPARE(read_file(dir.path() + "/z"), QByteArray("value"));
    }

    // Writing a value where a folder is: the rename fails and the temporary is removed.
    void replacingAFolderFailsCleanly() {
        QTemporaryDir dir;
        cs::DirectoryStore store(str(dir.path()));
        QVERIFY(store.set("g/d/0", cs::to_bytes("0")));
        auto written = store.set("g/d", cs::to_bytes("flat"));
        QVERIFY(!written);
        QCOMPARE(int(written.error().code), int(ErrorCode::Io));
        QVERIFY2(written.error().message.find("g/d") != std::string::npos,
                 written.error().message.c_str());
        QCOMPARE(all_entries(dir.path()), (QStringList{"g", "g/d", "g/d/0"}));
    }

    void readOnlyFolderFailsCleanly() {
        if (::geteuid() == 0) QSKIP("running as root: a read-only folder does not stop root");
        QTemporaryDir dir;
        cs::DirectoryStore store(str(dir.path()));
        QVERIFY(store.set("g/a", cs::to_bytes("1")));
        QVERIFY(::chmod(str(dir.path() + "/g").c_str(), 0555) == 0);
        auto written = store.set("g/b", cs::to_bytes("2"));
        ::chmod(str(dir.path() + "/g").c_str(), 0755);
        QVERIFY(!written);
        QCOMPARE(int(written.error().code), int(ErrorCode::Io));
        QVERIFY2(written.error().message.find("g/b") != std::string::npos,
                 written.error().message.c_str());
        QCOMPARE(all_entries(dir.path()), (QStringList{"g", "g/a"}));
    }

    // Keys that would climb out of the root are refused before anything touches the disk.
    void keysNeverEscapeTheRoot() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("store"));
        cs::DirectoryStore store(str(dir.path() + "/store"));
        for (const char* key : {"../outside", "a/../../outside", "/tmp/outside", "..\\outside",
                                "./../outside", "a/./../../outside"}) {
            auto written = store.set(key, cs::to_bytes("escaped"));
            QVERIFY2(!written, key);
            QCOMPARE(int(written.error().code), int(ErrorCode::InvalidArgument));
            QVERIFY(store.erase(key).error().code == ErrorCode::InvalidArgument);
        }
        QCOMPARE(all_entries(dir.path()), QStringList{"store"});
    }

    // A symlink inside the store pointing elsewhere: reads follow it, writes and erases refuse.
    void writesDoNotFollowSymlinksOutOfTheStore() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("store"));
        QVERIFY(QDir(dir.path()).mkdir("outside"));
        QVERIFY(write_file(dir.path() + "/outside/victim", "keep me"));
        QVERIFY(::symlink(str(dir.path() + "/outside").c_str(),
                          str(dir.path() + "/store/link").c_str()) == 0);
        cs::DirectoryStore store(str(dir.path() + "/store"));

        auto got = store.get("link/victim");
        QVERIFY(got && got->has_value());
        QCOMPARE(cs::as_string_view(**got), std::string_view("keep me"));

        auto written = store.set("link/new", cs::to_bytes("escaped"));
        QVERIFY(!written);
        QCOMPARE(int(written.error().code), int(ErrorCode::InvalidArgument));
        QVERIFY2(written.error().message.find("symbolic link") != std::string::npos,
                 written.error().message.c_str());
        auto erased = store.erase("link/victim");
        QVERIFY(!erased);
        QCOMPARE(all_entries(dir.path() + "/outside"), QStringList{"victim"});
        QCOMPARE(read_file(dir.path() + "/outside/victim"), QByteArray("keep me"));

        // Listing does not descend into the linked folder (a link to an ancestor would loop).
        auto keys = store.list_prefix("");
        QVERIFY(keys && keys->empty());
        auto names = store.list_dir("");
        QVERIFY(names);
        QCOMPARE(cs_test::store_checks::qlist(*names), QStringList{"link"});
    }

    // A real full disk: a 64 KiB tmpfs in a private mount namespace (needs root; skipped
    // otherwise). The failed write says "disk full", names the file, and leaves no temporary.
    void diskFullIsReportedAndLeavesNothing() {
        if (::geteuid() != 0) QSKIP("mounting a small tmpfs needs root");
        if (::unshare(CLONE_NEWNS) != 0) QSKIP("cannot create a private mount namespace here");
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
            QSKIP("cannot make mounts private here");
        QTemporaryDir dir;
        if (::mount("tmpfs", str(dir.path()).c_str(), "tmpfs", 0, "size=64k") != 0)
            QSKIP("cannot mount a tmpfs here");
        {
            cs::DirectoryStore store(str(dir.path()));
            QVERIFY(store.set("g/small", cs::Bytes(1000, 's')));
            auto written = store.set("g/big", cs::Bytes(1u << 20, 'b'));
            QVERIFY(!written);
            QCOMPARE(int(written.error().code), int(ErrorCode::Io));
            QVERIFY2(
                written.error().message.find("disk full") != std::string::npos &&
                    written.error().message.find(str(dir.path() + "/g/big")) != std::string::npos,
                written.error().message.c_str());
            QCOMPARE(all_entries(dir.path()), (QStringList{"g", "g/small"}));
            auto small = store.get("g/small");
            QVERIFY(small && small->has_value() && (*small)->size() == 1000);
        }
        QVERIFY(::umount(str(dir.path()).c_str()) == 0);
    }

    // zarr-python's own DirectoryStore sees the same keys as ours on a tree it wrote.
    void listsWhatZarrPythonWrote() {
        QTemporaryDir dir;
        const QString root = dir.path() + "/py.zarr";
        QProcess py;
        py.start(CS_PYTHON, {"-c", R"(
import sys, zarr, numpy
store = zarr.DirectoryStore(sys.argv[1])
g = zarr.group(store=store)
g.create_dataset("a/b", data=numpy.arange(30).reshape(5, 6), chunks=(2, 4))
g.create_dataset("nested", data=numpy.arange(10), chunks=(3,), dimension_separator="/")
g.attrs["x"] = 1
print("\n".join(sorted(store.keys())))
)",
                             root});
        QVERIFY(py.waitForFinished(60000));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const QStringList expected =
            QString::fromUtf8(py.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        QVERIFY(expected.size() > 6);
        cs::DirectoryStore store(str(root));
        auto keys = store.list_prefix("");
        QVERIFY(keys);
        QCOMPARE(cs_test::store_checks::qlist(*keys), expected);
        auto zarray = store.get("a/b/.zarray");
        QVERIFY(zarray && zarray->has_value());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>((*zarray)->data()),
                            qsizetype((*zarray)->size())),
                 read_file(root + "/a/b/.zarray"));
    }
};

QTEST_GUILESS_MAIN(TestDirectoryStore)
#include "tst_directory_store.moc"
