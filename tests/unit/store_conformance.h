// The one suite every Store passes (MemoryStore, DirectoryStore, later ZipStore). A store's test
// runs it as a data-driven slot, one row per check, each on a fresh empty store:
//
//     void conformance_data() { cs_test::add_store_conformance_rows(); }
//     void conformance() {
//         QFETCH(QString, check);
//         auto store = make_empty_store();
//         cs_test::run_store_conformance_check(check, *store);
//     }
#pragma once

#include <QtTest>

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "core/store/store.h"

namespace cs_test {

namespace store_checks {

using cs::Bytes;
using cs::ErrorCode;
using cs::Store;
using Strings = std::vector<std::string>;

inline Bytes text(std::string_view s) {
    return cs::to_bytes(s);
}

inline QByteArray qbytes(const Bytes& b) {
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

// QCOMPARE prints QStringLists readably; std::vector<std::string> it does not.
inline QStringList qlist(const Strings& v) {
    QStringList out;
    for (const auto& s : v) out << QString::fromStdString(s);
    return out;
}

#define CS_CHECK_OK(expr)                                                    \
    do {                                                                     \
        const auto& cs_check_r_ = (expr);                                    \
        QVERIFY2(cs_check_r_.has_value(),                                    \
                 cs_check_r_ ? "" : cs_check_r_.error().describe().c_str()); \
    } while (0)

inline void expect_value(const Store& s, std::string_view key, const Bytes& want) {
    auto got = s.get(key);
    CS_CHECK_OK(got);
    QVERIFY2(got->has_value(), ("missing key " + std::string(key)).c_str());
    QCOMPARE(qbytes(**got), qbytes(want));
    auto n = s.size(key);
    CS_CHECK_OK(n);
    QVERIFY(n->has_value());
    QCOMPARE(**n, std::uint64_t(want.size()));
    auto e = s.exists(key);
    CS_CHECK_OK(e);
    QVERIFY(*e);
}

inline void expect_absent(const Store& s, std::string_view key) {
    auto got = s.get(key);
    CS_CHECK_OK(got);
    QVERIFY2(!got->has_value(), ("unexpected key " + std::string(key)).c_str());
    auto n = s.size(key);
    CS_CHECK_OK(n);
    QVERIFY(!n->has_value());
    auto e = s.exists(key);
    CS_CHECK_OK(e);
    QVERIFY(!*e);
    auto r = s.get_range(key, 0, 0);
    CS_CHECK_OK(r);
    QVERIFY(!r->has_value());
}

template <class R>
void expect_error(const R& result, ErrorCode code, std::string_view mentions) {
    QVERIFY2(!result.has_value(), "expected an error");
    QCOMPARE(int(result.error().code), int(code));
    QVERIFY2(result.error().message.find(mentions) != std::string::npos,
             ("message should mention \"" + std::string(mentions) + "\": " + result.error().message)
                 .c_str());
}

inline void missing_keys(Store& s) {
    expect_absent(s, "nothing");
    expect_absent(s, "deep/ly/missing");
    CS_CHECK_OK(s.erase("nothing"));
    CS_CHECK_OK(s.erase("deep/ly/missing"));
}

inline void set_get(Store& s) {
    CS_CHECK_OK(s.set("a", text("hello")));
    expect_value(s, "a", text("hello"));
    expect_absent(s, "b");
}

inline void overwrite(Store& s) {
    CS_CHECK_OK(s.set("k", text("a much longer first value")));
    CS_CHECK_OK(s.set("k", text("short")));
    expect_value(s, "k", text("short"));
    CS_CHECK_OK(s.set("k", text("longer again, longer than before")));
    expect_value(s, "k", text("longer again, longer than before"));
    auto keys = s.list_prefix("");
    CS_CHECK_OK(keys);
    QCOMPARE(qlist(*keys), QStringList{"k"});
}

inline void binary_values(Store& s) {
    Bytes all;
    for (int round = 0; round < 3; ++round)
        for (int b = 0; b < 256; ++b) all.push_back(std::uint8_t(b));
    all.push_back(0);
    CS_CHECK_OK(s.set("bin", all));
    expect_value(s, "bin", all);
    Bytes nuls(1000, 0);
    CS_CHECK_OK(s.set("nuls", nuls));
    expect_value(s, "nuls", nuls);
}

inline void empty_value(Store& s) {
    CS_CHECK_OK(s.set("empty", Bytes{}));
    expect_value(s, "empty", Bytes{});
    auto r = s.get_range("empty", 0, 0);
    CS_CHECK_OK(r);
    QVERIFY(r->has_value());
    QCOMPARE((*r)->size(), std::size_t(0));
}

inline void large_value(Store& s) {
    Bytes big(5u << 20);
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = std::uint8_t((i * 2654435761u) >> 13);
    CS_CHECK_OK(s.set("g/big", big));
    expect_value(s, "g/big", big);
}

inline void nested_keys(Store& s) {
    CS_CHECK_OK(s.set("g/.zgroup", text("{}")));
    CS_CHECK_OK(s.set("g/arr/.zarray", text("{\"a\": 1}")));
    CS_CHECK_OK(s.set("g/arr/0/1/2", text("chunk")));
    CS_CHECK_OK(s.set("g/arr/0.0", text("flat")));
    CS_CHECK_OK(s.set("\xc3\xa9t\xc3\xa9/caf\xc3\xa9", text("utf-8")));
    expect_value(s, "g/.zgroup", text("{}"));
    expect_value(s, "g/arr/.zarray", text("{\"a\": 1}"));
    expect_value(s, "g/arr/0/1/2", text("chunk"));
    expect_value(s, "g/arr/0.0", text("flat"));
    expect_value(s, "\xc3\xa9t\xc3\xa9/caf\xc3\xa9", text("utf-8"));
    // A prefix is not a value.
    expect_absent(s, "g");
    expect_absent(s, "g/arr");
    expect_absent(s, "g/arr/0/1");
}

inline void erase(Store& s) {
    CS_CHECK_OK(s.set("g/a", text("1")));
    CS_CHECK_OK(s.set("g/b", text("2")));
    CS_CHECK_OK(s.erase("g/a"));
    expect_absent(s, "g/a");
    expect_value(s, "g/b", text("2"));
    CS_CHECK_OK(s.erase("g/a"));  // twice is fine
    auto keys = s.list_prefix("");
    CS_CHECK_OK(keys);
    QCOMPARE(qlist(*keys), QStringList{"g/b"});
    CS_CHECK_OK(s.set("g/a", text("back")));  // and it can come back
    expect_value(s, "g/a", text("back"));
}

inline void fill_listing_tree(Store& s) {
    for (const char* key :
         {"z", "a/.zarray", "a/0.0", "a/0.1", "a/b/c", "a/b/d/e", "ab", "a-x/y", "b/.zgroup"}) {
        CS_CHECK_OK(s.set(key, text(key)));
    }
}

inline void list_prefix(Store& s) {
    fill_listing_tree(s);
    if (QTest::currentTestFailed()) return;
    auto all = s.list_prefix("");
    CS_CHECK_OK(all);
    QCOMPARE(qlist(*all), (QStringList{"a-x/y", "a/.zarray", "a/0.0", "a/0.1", "a/b/c", "a/b/d/e",
                                       "ab", "b/.zgroup", "z"}));
    auto a_dir = s.list_prefix("a/");
    CS_CHECK_OK(a_dir);
    QCOMPARE(qlist(*a_dir), (QStringList{"a/.zarray", "a/0.0", "a/0.1", "a/b/c", "a/b/d/e"}));
    // A prefix is a plain string prefix: "a" also finds "ab" and "a-x/y".
    auto a = s.list_prefix("a");
    CS_CHECK_OK(a);
    QCOMPARE(qlist(*a),
             (QStringList{"a-x/y", "a/.zarray", "a/0.0", "a/0.1", "a/b/c", "a/b/d/e", "ab"}));
    auto zarray = s.list_prefix("a/.z");
    CS_CHECK_OK(zarray);
    QCOMPARE(qlist(*zarray), QStringList{"a/.zarray"});
    auto chunks = s.list_prefix("a/0.");
    CS_CHECK_OK(chunks);
    QCOMPARE(qlist(*chunks), (QStringList{"a/0.0", "a/0.1"}));
    auto deep = s.list_prefix("a/b/d");
    CS_CHECK_OK(deep);
    QCOMPARE(qlist(*deep), QStringList{"a/b/d/e"});
    auto none = s.list_prefix("nothing/here/");
    CS_CHECK_OK(none);
    QVERIFY(none->empty());
    auto value_as_folder = s.list_prefix("z/");
    CS_CHECK_OK(value_as_folder);
    QVERIFY(value_as_folder->empty());
}

inline void list_dir(Store& s) {
    fill_listing_tree(s);
    if (QTest::currentTestFailed()) return;
    auto root = s.list_dir("");
    CS_CHECK_OK(root);
    QCOMPARE(qlist(*root), (QStringList{"a", "a-x", "ab", "b", "z"}));
    auto a = s.list_dir("a");
    CS_CHECK_OK(a);
    QCOMPARE(qlist(*a), (QStringList{".zarray", "0.0", "0.1", "b"}));
    auto a_slash = s.list_dir("a/");  // one trailing '/' is tolerated
    CS_CHECK_OK(a_slash);
    QCOMPARE(qlist(*a_slash), qlist(*a));
    auto ab = s.list_dir("a/b");
    CS_CHECK_OK(ab);
    QCOMPARE(qlist(*ab), (QStringList{"c", "d"}));
    auto missing = s.list_dir("nothing");
    CS_CHECK_OK(missing);
    QVERIFY(missing->empty());
    auto of_value = s.list_dir("z");
    CS_CHECK_OK(of_value);
    QVERIFY(of_value->empty());
}

inline void get_range(Store& s) {
    CS_CHECK_OK(s.set("g/r", text("0123456789")));
    auto mid = s.get_range("g/r", 2, 5);
    CS_CHECK_OK(mid);
    QVERIFY(mid->has_value());
    QCOMPARE(qbytes(**mid), QByteArray("23456"));
    auto whole = s.get_range("g/r", 0, 10);
    CS_CHECK_OK(whole);
    QCOMPARE(qbytes(**whole), QByteArray("0123456789"));
    auto tail = s.get_range("g/r", 9, 1);
    CS_CHECK_OK(tail);
    QCOMPARE(qbytes(**tail), QByteArray("9"));
    auto at_end = s.get_range("g/r", 10, 0);
    CS_CHECK_OK(at_end);
    QVERIFY(at_end->has_value());
    QCOMPARE((*at_end)->size(), std::size_t(0));
    expect_error(s.get_range("g/r", 5, 6), ErrorCode::InvalidArgument, "g/r");
    expect_error(s.get_range("g/r", 11, 0), ErrorCode::InvalidArgument, "past the end");
    expect_error(s.get_range("g/r", 4, ~std::uint64_t(0)), ErrorCode::InvalidArgument,
                 "past the end");
    expect_error(s.get_range("g/r", ~std::uint64_t(0), 2), ErrorCode::InvalidArgument,
                 "past the end");
    auto missing = s.get_range("g/none", 0, 1);
    CS_CHECK_OK(missing);
    QVERIFY(!missing->has_value());
}

inline const std::vector<std::string>& bad_keys() {
    static const std::vector<std::string> keys = {
        "",
        "/abs",
        "/",
        "a//b",
        "a/",
        "./a",
        "a/./b",
        ".",
        "..",
        "../x",
        "a/../../x",
        "a/..",
        "a\\b",
        "..\\x",
        std::string("a\0b", 3),
        std::string("\0", 1),
    };
    return keys;
}

inline void key_validation(Store& s) {
    const Bytes v = text("v");
    for (const std::string& key : bad_keys()) {
        const std::string label = "key \"" + key + "\"";
        auto check = [&](const auto& result, const char* call) {
            QVERIFY2(!result.has_value(), (label + " accepted by " + call).c_str());
            QVERIFY2(result.error().code == ErrorCode::InvalidArgument,
                     (label + " in " + call + ": " + result.error().describe()).c_str());
            QVERIFY2(result.error().message.find("invalid store key") != std::string::npos,
                     result.error().message.c_str());
        };
        check(s.get(key), "get");
        check(s.get_range(key, 0, 1), "get_range");
        check(s.set(key, v), "set");
        check(s.erase(key), "erase");
        check(s.size(key), "size");
        check(s.exists(key), "exists");
        if (!key.empty() && key != "/" && key != "a/") check(s.list_dir(key), "list_dir");
        if (QTest::currentTestFailed()) return;
    }
    for (const std::string& prefix :
         std::vector<std::string>{"../", "a/../", "/abs/", "a\\", std::string("a\0", 2)}) {
        auto r = s.list_prefix(prefix);
        QVERIFY2(!r.has_value(), ("list_prefix accepted \"" + prefix + "\"").c_str());
        QCOMPARE(int(r.error().code), int(ErrorCode::InvalidArgument));
    }
    auto keys = s.list_prefix("");
    CS_CHECK_OK(keys);
    QVERIFY2(keys->empty(), "a rejected key left something behind");
}

// get_limited: the value when it fits, nullopt when absent, and a Corrupt error naming the key
// (value never loaded) when it is larger than allowed; bad keys are refused as in get().
inline void get_limited(Store& s) {
    const Bytes v = text("0123456789");
    CS_CHECK_OK(s.set("g/0.0", v));
    auto fits = s.get_limited("g/0.0", 10);
    CS_CHECK_OK(fits);
    QVERIFY(fits->has_value());
    QCOMPARE(**fits, v);
    auto roomy = s.get_limited("g/0.0", 1000);
    CS_CHECK_OK(roomy);
    QCOMPARE(**roomy, v);
    auto absent = s.get_limited("g/9.9", 10);
    CS_CHECK_OK(absent);
    QVERIFY(!absent->has_value());
    auto big = s.get_limited("g/0.0", 9);
    expect_error(big, ErrorCode::Corrupt, "g/0.0");
    if (QTest::currentTestFailed()) return;
    QVERIFY2(big.error().message.find("10 bytes") != std::string::npos,
             big.error().message.c_str());
    expect_error(s.get_limited("../x", 10), ErrorCode::InvalidArgument, "invalid store key");
}

// Several threads write different keys (some in shared folders, as chunk writers do) while
// readers poll one key being overwritten: every read sees one whole value, never a torn one.
inline void concurrent_writers(Store& s) {
    constexpr int kThreads = 8;
    constexpr int kKeysPerThread = 40;
    auto value_of = [](int t, int k) {
        return Bytes(std::size_t(1 + (t * 7919 + k * 104729) % 20000), std::uint8_t(t * 31 + k));
    };
    const Bytes shared_a(40000, 'a');
    const Bytes shared_b(30000, 'b');
    CS_CHECK_OK(s.set("shared", shared_a));
    std::atomic<int> failures{0};
    std::atomic<int> torn{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int k = 0; k < kKeysPerThread; ++k) {
                const std::string key = "arr/" + std::to_string(k % 4) + "/" + std::to_string(t) +
                                        "." + std::to_string(k);
                if (!s.set(key, value_of(t, k))) ++failures;
                if (t == 0 && !s.set("shared", k % 2 ? shared_a : shared_b)) ++failures;
            }
        });
    }
    std::thread reader([&] {
        while (!stop.load()) {
            auto got = s.get("shared");
            if (!got || !got->has_value()) {
                ++failures;
                continue;
            }
            const Bytes& b = **got;
            if (b != shared_a && b != shared_b) ++torn;
        }
    });
    for (auto& th : threads) th.join();
    stop = true;
    reader.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(torn.load(), 0);
    for (int t = 0; t < kThreads; ++t) {
        for (int k = 0; k < kKeysPerThread; ++k) {
            const std::string key =
                "arr/" + std::to_string(k % 4) + "/" + std::to_string(t) + "." + std::to_string(k);
            expect_value(s, key, value_of(t, k));
            if (QTest::currentTestFailed()) return;
        }
    }
    auto keys = s.list_prefix("arr/");
    CS_CHECK_OK(keys);
    QCOMPARE(int(keys->size()), kThreads * kKeysPerThread);
    QVERIFY(std::is_sorted(keys->begin(), keys->end()));
}

inline void describes_keys(Store& s) {
    QVERIFY(!s.type_name().empty());
    QVERIFY(!s.location().empty());
    const std::string d = s.describe_key("g/arr/0.0");
    QVERIFY2(d.find(s.location()) == 0, d.c_str());
    QVERIFY2(d.ends_with("/g/arr/0.0"), d.c_str());
}

#undef CS_CHECK_OK

inline const std::map<QString, std::function<void(Store&)>>& all() {
    static const std::map<QString, std::function<void(Store&)>> checks = {
        {"missing keys", missing_keys},   {"set and get", set_get},
        {"overwrite", overwrite},         {"binary values with NULs", binary_values},
        {"empty value", empty_value},     {"large value", large_value},
        {"nested keys", nested_keys},     {"erase", erase},
        {"list_prefix", list_prefix},     {"list_dir", list_dir},
        {"get_range", get_range},         {"key validation", key_validation},
        {"get_limited", get_limited},     {"concurrent writers", concurrent_writers},
        {"describe_key", describes_keys},
    };
    return checks;
}

}  // namespace store_checks

// Adds one row per check; the slot needs a QString column named "check".
inline void add_store_conformance_rows() {
    QTest::addColumn<QString>("check");
    for (const auto& [name, check] : store_checks::all()) {
        QTest::newRow(name.toUtf8().constData()) << name;
    }
}

inline void run_store_conformance_check(const QString& name, cs::Store& store) {
    const auto& checks = store_checks::all();
    const auto it = checks.find(name);
    QVERIFY2(it != checks.end(), qPrintable("no store check named " + name));
    it->second(store);
}

}  // namespace cs_test
