// Writes JSON exactly as Python's json module does, so metadata we write diffs cleanly against
// what zarr-python writes and numcodecs configs compare as text.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/json/json.h"

namespace cs {

std::string python_float_repr(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (v == 0.0) return std::signbit(v) ? "-0.0" : "0.0";
    // Shortest round-trip digits in scientific form: "-1.2345e+05".
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string sci(buf, end);
    const bool negative = sci[0] == '-';
    if (negative) sci.erase(0, 1);
    const auto epos = sci.find('e');
    std::string digits = sci.substr(0, epos);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exponent = std::stoi(sci.substr(epos + 1));
    const int decpt = exponent + 1;  // position of the decimal point relative to the digits

    std::string out;
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            out = "0." + std::string(static_cast<std::size_t>(-decpt), '0') + digits;
        } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
            out = digits + std::string(static_cast<std::size_t>(decpt) - digits.size(), '0') + ".0";
        } else {
            out = digits.substr(0, decpt) + "." + digits.substr(decpt);
        }
    } else {
        out = digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char ebuf[16];
        std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        out += ebuf;
    }
    return negative ? "-" + out : out;
}

namespace {

void append_escaped_string(std::string& out, const std::string& s, bool ensure_ascii) {
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            default: break;
        }
        char ubuf[16];
        if (c < 0x20) {
            std::snprintf(ubuf, sizeof ubuf, "\\u%04x", c);
            out += ubuf;
        } else if (c < 0x80 || !ensure_ascii) {
            out += static_cast<char>(c);
        } else {
            // Decode one UTF-8 sequence; invalid bytes are written as U+FFFD like Python's
            // 'replace' would, instead of producing invalid JSON.
            std::uint32_t cp = 0xFFFD;
            int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
            if (extra > 0 && i + static_cast<std::size_t>(extra) < s.size() + 0) {
                cp = c & (0x3F >> extra);
                bool ok = true;
                for (int k = 1; k <= extra; ++k) {
                    const auto cc = static_cast<unsigned char>(s[i + k]);
                    if ((cc & 0xC0) != 0x80) { ok = false; break; }
                    cp = (cp << 6) | (cc & 0x3F);
                }
                if (ok) i += static_cast<std::size_t>(extra); else cp = 0xFFFD;
            }
            if (cp >= 0x10000) {
                const std::uint32_t v = cp - 0x10000;
                std::snprintf(ubuf, sizeof ubuf, "\\u%04x\\u%04x", 0xD800 + (v >> 10),
                              0xDC00 + (v & 0x3FF));
            } else {
                std::snprintf(ubuf, sizeof ubuf, "\\u%04x", cp);
            }
            out += ubuf;
        }
    }
    out += '"';
}

void write_value(std::string& out, const Json& v, const JsonWriteOptions& o, int level) {
    const bool pretty = o.indent >= 0;
    auto newline = [&](int lvl) {
        out += '\n';
        out.append(static_cast<std::size_t>(o.indent * lvl), ' ');
    };
    const char* item_sep = pretty ? "," : ", ";
    switch (v.type()) {
        case Json::Type::Null: out += "null"; return;
        case Json::Type::Bool: out += v.as_bool() ? "true" : "false"; return;
        case Json::Type::Int: out += std::to_string(v.as_int()); return;
        case Json::Type::UInt: out += std::to_string(v.as_uint()); return;
        case Json::Type::Double: out += python_float_repr(v.as_double()); return;
        case Json::Type::String: append_escaped_string(out, v.as_string(), o.ensure_ascii); return;
        case Json::Type::Array: {
            const auto& a = v.as_array();
            if (a.empty()) { out += "[]"; return; }
            out += '[';
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (i) out += item_sep;
                if (pretty) newline(level + 1);
                write_value(out, a[i], o, level + 1);
            }
            if (pretty) newline(level);
            out += ']';
            return;
        }
        case Json::Type::Object: {
            std::vector<const std::pair<std::string, Json>*> members;
            for (const auto& m : v.as_object()) members.push_back(&m);
            if (members.empty()) { out += "{}"; return; }
            if (o.sort_keys) {
                std::stable_sort(members.begin(), members.end(),
                                 [](auto* a, auto* b) { return a->first < b->first; });
            }
            out += '{';
            for (std::size_t i = 0; i < members.size(); ++i) {
                if (i) out += item_sep;
                if (pretty) newline(level + 1);
                append_escaped_string(out, members[i]->first, o.ensure_ascii);
                out += ": ";
                write_value(out, members[i]->second, o, level + 1);
            }
            if (pretty) newline(level);
            out += '}';
            return;
        }
    }
}

}  // namespace

std::string write_json(const Json& value, const JsonWriteOptions& options) {
    std::string out;
    write_value(out, value, options, 0);
    return out;
}

}  // namespace cs
