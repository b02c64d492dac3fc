#include "core/json/json.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace cs {

namespace {

constexpr int kMaxDepth = 256;  // deeper documents are rejected instead of recursing without bound

Result<Json> from_rapidjson(const rapidjson::Value& v, int depth, std::string_view what) {
    if (depth > kMaxDepth) {
        return fail(ErrorCode::Corrupt, std::string(what) + ": JSON nested deeper than " +
                                            std::to_string(kMaxDepth) + " levels");
    }
    switch (v.GetType()) {
        case rapidjson::kNullType: return Json();
        case rapidjson::kFalseType: return Json(false);
        case rapidjson::kTrueType: return Json(true);
        case rapidjson::kStringType:
            return Json(std::string(v.GetString(), v.GetStringLength()));
        case rapidjson::kNumberType:
            if (v.IsInt64()) return Json(static_cast<long long>(v.GetInt64()));
            if (v.IsUint64()) return Json(static_cast<unsigned long long>(v.GetUint64()));
            return Json(v.GetDouble());
        case rapidjson::kArrayType: {
            Json::Array out;
            out.reserve(v.Size());
            for (const auto& e : v.GetArray()) {
                CS_ASSIGN_OR_RETURN(Json item, from_rapidjson(e, depth + 1, what));
                out.push_back(std::move(item));
            }
            return Json(std::move(out));
        }
        case rapidjson::kObjectType: {
            Json::Object out;
            out.reserve(v.MemberCount());
            for (const auto& m : v.GetObject()) {
                CS_ASSIGN_OR_RETURN(Json item, from_rapidjson(m.value, depth + 1, what));
                out.emplace_back(std::string(m.name.GetString(), m.name.GetStringLength()),
                                 std::move(item));
            }
            return Json(std::move(out));
        }
    }
    return fail(ErrorCode::Internal, "unknown JSON value type");
}

}  // namespace

std::int64_t Json::as_int() const {
    switch (type()) {
        case Type::Int: return std::get<std::int64_t>(value_);
        case Type::UInt: return static_cast<std::int64_t>(std::get<std::uint64_t>(value_));
        case Type::Double: return static_cast<std::int64_t>(std::get<double>(value_));
        default: return 0;
    }
}

std::uint64_t Json::as_uint() const {
    switch (type()) {
        case Type::Int: return static_cast<std::uint64_t>(std::get<std::int64_t>(value_));
        case Type::UInt: return std::get<std::uint64_t>(value_);
        case Type::Double: return static_cast<std::uint64_t>(std::get<double>(value_));
        default: return 0;
    }
}

double Json::as_double() const {
    switch (type()) {
        case Type::Int: return static_cast<double>(std::get<std::int64_t>(value_));
        case Type::UInt: return static_cast<double>(std::get<std::uint64_t>(value_));
        case Type::Double: return std::get<double>(value_);
        default: return std::numeric_limits<double>::quiet_NaN();
    }
}

void Json::set_unsigned(unsigned long long v) {
    if (v <= static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max())) {
        value_ = static_cast<std::int64_t>(v);
    } else {
        value_ = static_cast<std::uint64_t>(v);
    }
}

const Json* Json::find(std::string_view key) const {
    if (!is_object()) return nullptr;
    for (const auto& [k, v] : as_object()) {
        if (k == key) return &v;
    }
    return nullptr;
}

Json& Json::operator[](std::string_view key) {
    if (is_null()) value_ = Object{};
    auto& obj = as_object();
    for (auto& [k, v] : obj) {
        if (k == key) return v;
    }
    obj.emplace_back(std::string(key), Json());
    return obj.back().second;
}

void Json::push_back(Json v) {
    if (is_null()) value_ = Array{};
    as_array().push_back(std::move(v));
}

std::size_t Json::size() const {
    if (is_array()) return as_array().size();
    if (is_object()) return as_object().size();
    return 0;
}

bool operator==(const Json& a, const Json& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_double() || b.is_double()) {
            const double x = a.as_double(), y = b.as_double();
            return x == y || (std::isnan(x) && std::isnan(y));
        }
        if (a.type() == b.type()) return a.value_ == b.value_;
        return false;  // Int vs UInt never hold the same value (UInt is only used above int64)
    }
    if (a.is_object() && b.is_object()) {
        // Objects compare as sets of members: key order is presentation, not content.
        if (a.size() != b.size()) return false;
        for (const auto& [k, v] : a.as_object()) {
            const Json* other = b.find(k);
            if (!other || !(*other == v)) return false;
        }
        return true;
    }
    return a.value_ == b.value_;
}

Result<Json> parse_json(std::string_view text, std::string_view what) {
    rapidjson::Document doc;
    constexpr unsigned kFlags = rapidjson::kParseNanAndInfFlag | rapidjson::kParseFullPrecisionFlag |
                                rapidjson::kParseIterativeFlag;
    doc.Parse<kFlags>(text.data(), text.size());
    if (doc.HasParseError()) {
        return fail(ErrorCode::Corrupt,
                    std::string(what) + ": invalid JSON at offset " +
                        std::to_string(doc.GetErrorOffset()) + ": " +
                        rapidjson::GetParseError_En(doc.GetParseError()));
    }
    return from_rapidjson(doc, 0, what);
}

}  // namespace cs
