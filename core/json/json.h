// A small JSON value. Zarr metadata and numcodecs configs are small documents that are read,
// inspected and written back, so a plain value type (copyable, ordered objects) is easier to pass
// around than a parser's DOM. Parsing accepts the bare NaN, Infinity and -Infinity literals that
// Python writes; writing reproduces Python's json.dumps byte for byte (float repr, indent,
// sort_keys, ensure_ascii), which is what zarr-python and numcodecs produce.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/util/result.h"

namespace cs {

class Json {
public:
    using Array = std::vector<Json>;
    using Object = std::vector<std::pair<std::string, Json>>;  // insertion order is kept
    enum class Type { Null, Bool, Int, UInt, Double, String, Array, Object };

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool b) : value_(b) {}
    Json(int v) : value_(static_cast<std::int64_t>(v)) {}
    Json(long v) : value_(static_cast<std::int64_t>(v)) {}
    Json(long long v) : value_(static_cast<std::int64_t>(v)) {}
    Json(unsigned v) : value_(static_cast<std::int64_t>(v)) {}
    Json(unsigned long v) { set_unsigned(v); }
    Json(unsigned long long v) { set_unsigned(v); }
    Json(double v) : value_(v) {}
    Json(const char* s) : value_(std::string(s)) {}
    Json(std::string s) : value_(std::move(s)) {}
    Json(std::string_view s) : value_(std::string(s)) {}
    Json(Array a) : value_(std::move(a)) {}
    Json(Object o) : value_(std::move(o)) {}

    static Json array() { return Json(Array{}); }
    static Json object() { return Json(Object{}); }

    Type type() const { return static_cast<Type>(value_.index()); }
    bool is_null() const { return type() == Type::Null; }
    bool is_bool() const { return type() == Type::Bool; }
    bool is_int() const { return type() == Type::Int || type() == Type::UInt; }  // integral
    bool is_number() const { return is_int() || type() == Type::Double; }
    bool is_double() const { return type() == Type::Double; }
    bool is_string() const { return type() == Type::String; }
    bool is_array() const { return type() == Type::Array; }
    bool is_object() const { return type() == Type::Object; }

    // Accessors assume the type was checked; they do not convert between kinds, except that the
    // number accessors convert between the three number representations.
    bool as_bool() const { return std::get<bool>(value_); }
    std::int64_t as_int() const;
    std::uint64_t as_uint() const;
    double as_double() const;
    const std::string& as_string() const { return std::get<std::string>(value_); }
    const Array& as_array() const { return std::get<Array>(value_); }
    Array& as_array() { return std::get<Array>(value_); }
    const Object& as_object() const { return std::get<Object>(value_); }
    Object& as_object() { return std::get<Object>(value_); }

    // Object access. find() returns nullptr when absent or when this is not an object.
    const Json* find(std::string_view key) const;
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    // Inserts a null member when absent; turns a null value into an object first.
    Json& operator[](std::string_view key);
    void push_back(Json v);  // turns a null value into an array first
    std::size_t size() const;  // elements of an array or members of an object, else 0

    friend bool operator==(const Json& a, const Json& b);

private:
    void set_unsigned(unsigned long long v);
    std::variant<std::monostate, bool, std::int64_t, std::uint64_t, double, std::string, Array,
                 Object>
        value_;
};

// `what` names the document in error messages, e.g. "data/g.zarr/.zarray".
Result<Json> parse_json(std::string_view text, std::string_view what);

struct JsonWriteOptions {
    int indent = -1;         // -1: one line; >= 0: Python's indent=N layout
    bool sort_keys = false;  // zarr-python writes sorted keys
    bool ensure_ascii = true;
};

// Python's json.dumps(value, indent=..., sort_keys=..., ensure_ascii=...) with its default
// separators: (', ', ': ') on one line, (',', ': ') when indented.
std::string write_json(const Json& value, const JsonWriteOptions& options = {});

// Python's repr(float): shortest round-trip digits, "1e-05", "100.0", "nan" rules aside.
std::string python_float_repr(double v);

}  // namespace cs
