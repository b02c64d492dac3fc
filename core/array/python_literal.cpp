#include "core/array/python_literal.h"

#include <charconv>
#include <cstdio>

namespace cs {

namespace {

// Decodes one UTF-8 code point at s[i], advancing i; invalid bytes come back as themselves.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i++]);
    int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : 0;
    if (extra == 0 || i + extra > s.size()) return b0;
    std::uint32_t cp = b0 & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    return cp;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

class LiteralParser {
public:
    LiteralParser(std::string_view text, std::string_view what) : s_(text), what_(what) {}

    Result<Json> parse_all() {
        CS_ASSIGN_OR_RETURN(Json value, parse_value(0));
        skip_space();
        if (pos_ != s_.size()) return error("unexpected text after the value");
        return value;
    }

private:
    std::unexpected<Error> error(const std::string& why) const {
        return fail(ErrorCode::Corrupt, std::string(what_) +
                                            ": cannot parse the header at offset " +
                                            std::to_string(pos_) + ": " + why);
    }
    void skip_space() {
        while (pos_ < s_.size() &&
               (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }
    bool eat(char c) {
        skip_space();
        if (pos_ < s_.size() && s_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    Result<Json> parse_value(int depth) {
        if (depth > 32) return error("nested too deeply");
        skip_space();
        if (pos_ >= s_.size()) return error("unexpected end of text");
        const char c = s_[pos_];
        if (c == '{') return parse_dict(depth);
        if (c == '(') return parse_sequence(depth, ')');
        if (c == '[') return parse_sequence(depth, ']');
        if (c == '\'' || c == '"') return parse_string();
        if (c == '-' || c == '+' || (c >= '0' && c <= '9')) return parse_int();
        for (const auto& [word, value] : {std::pair<std::string_view, Json>{"True", Json(true)},
                                          {"False", Json(false)},
                                          {"None", Json()}}) {
            if (s_.substr(pos_).starts_with(word)) {
                pos_ += word.size();
                return value;
            }
        }
        return error(std::string("unexpected character '") + c + "'");
    }

    Result<Json> parse_dict(int depth) {
        ++pos_;  // '{'
        Json out = Json::object();
        while (!eat('}')) {
            CS_ASSIGN_OR_RETURN(Json key, parse_value(depth + 1));
            if (!key.is_string()) return error("dictionary keys must be strings");
            if (!eat(':')) return error("expected ':' after a key");
            CS_ASSIGN_OR_RETURN(Json value, parse_value(depth + 1));
            if (out.contains(key.as_string())) return error("duplicate key " + key.as_string());
            out.as_object().emplace_back(key.as_string(), std::move(value));
            if (!eat(',')) {
                if (!eat('}')) return error("expected ',' or '}'");
                break;
            }
        }
        return out;
    }

    // Tuples and lists. "(5)" is just 5 in Python, "(5,)" a one-element tuple.
    Result<Json> parse_sequence(int depth, char close) {
        ++pos_;
        Json out = Json::array();
        bool saw_comma = false;
        while (!eat(close)) {
            CS_ASSIGN_OR_RETURN(Json item, parse_value(depth + 1));
            out.push_back(std::move(item));
            if (!eat(',')) {
                if (!eat(close)) return error(std::string("expected ',' or '") + close + "'");
                break;
            }
            saw_comma = true;
        }
        if (close == ')' && out.size() == 1 && !saw_comma) return out.as_array()[0];
        return out;
    }

    Result<Json> parse_int() {
        const std::size_t start = pos_;
        if (s_[pos_] == '+' || s_[pos_] == '-') ++pos_;
        const std::size_t digits = pos_;
        while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
        if (pos_ == digits) return error("expected digits");
        const bool negative = s_[start] == '-';
        std::uint64_t magnitude = 0;
        const auto [ptr, ec] = std::from_chars(s_.data() + digits, s_.data() + pos_, magnitude);
        if (ec != std::errc() || ptr != s_.data() + pos_) return error("integer out of range");
        if (pos_ < s_.size() && s_[pos_] == 'L') ++pos_;  // Python 2 longs, in old .npy files
        if (!negative) return Json(static_cast<unsigned long long>(magnitude));
        if (magnitude > std::uint64_t(INT64_MAX) + 1) return error("integer out of range");
        return Json(static_cast<long long>(0 - magnitude));
    }

    Result<Json> parse_string() {
        const char quote = s_[pos_++];
        std::string out;
        while (true) {
            if (pos_ >= s_.size()) return error("unterminated string");
            const char c = s_[pos_++];
            if (c == quote) return Json(std::move(out));
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= s_.size()) return error("unterminated string");
            const char e = s_[pos_++];
            switch (e) {
                case '\\':
                    out += '\\';
                    break;
                case '\'':
                    out += '\'';
                    break;
                case '"':
                    out += '"';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case '0':
                    out += '\0';
                    break;
                case 'x':
                case 'u':
                case 'U': {
                    const std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    std::uint32_t cp = 0;
                    if (pos_ + n > s_.size()) return error("truncated escape");
                    const auto [ptr, ec] =
                        std::from_chars(s_.data() + pos_, s_.data() + pos_ + n, cp, 16);
                    if (ec != std::errc() || ptr != s_.data() + pos_ + n || cp > 0x10FFFF) {
                        return error("bad escape");
                    }
                    pos_ += n;
                    append_utf8(out, cp);
                    break;
                }
                default:
                    return error(std::string("unsupported escape \\") + e);
            }
        }
    }

    std::string_view s_;
    std::string_view what_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string python_repr(std::string_view utf8) {
    const bool has_single = utf8.find('\'') != std::string_view::npos;
    const bool has_double = utf8.find('"') != std::string_view::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    std::size_t i = 0;
    while (i < utf8.size()) {
        const std::uint32_t cp = next_code_point(utf8, i);
        if (cp == '\\' || cp == std::uint32_t(quote)) {
            out += '\\';
            out += char(cp);
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(cp));
            out += buf;
        } else {
            append_utf8(out, cp);
        }
    }
    return out + quote;
}

Result<Json> parse_python_literal(std::string_view text, std::string_view what) {
    return LiteralParser(text, what).parse_all();
}

}  // namespace cs
