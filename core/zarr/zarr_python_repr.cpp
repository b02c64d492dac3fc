#include "core/zarr/zarr_python_repr.h"

#include <cstdio>

namespace cs {

namespace {

std::string quoted(const std::string& s) {
    // Python prefers single quotes and switches to double quotes when the text holds a single one.
    const bool use_double = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char q = use_double ? '"' : '\'';
    std::string out(1, q);
    for (char c : s) {
        if (c == '\\' || c == q) out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + q;
}

std::string str_field(const Json& config, const char* key) {
    const Json* v = config.find(key);
    return v ? python_repr(*v) : "None";
}

std::string descr_str(const Json& descr) {
    if (!descr.is_array())
        return descr.is_string() ? quoted(descr.as_string()) : python_repr(descr);
    std::string out = "[";
    bool first = true;
    for (const auto& field : descr.as_array()) {
        if (!first) out += ", ";
        first = false;
        if (!field.is_array() || field.size() < 2) {
            out += python_repr(field);
            continue;
        }
        const auto& f = field.as_array();
        out += "(" + python_repr(f[0]) + ", " + descr_str(f[1]);
        if (f.size() == 3 && f[2].is_array()) {
            Shape s;
            for (const auto& e : f[2].as_array()) s.push_back(e.is_int() ? e.as_uint() : 0);
            out += ", " + python_tuple_repr(s);
        }
        out += ")";
    }
    return out + "]";
}

}  // namespace

std::string python_tuple_repr(const Shape& shape) {
    std::string out = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(shape[i]);
    }
    if (shape.size() == 1) out += ",";
    return out + ")";
}

std::string python_repr(const Json& v) {
    switch (v.type()) {
        case Json::Type::Null:
            return "None";
        case Json::Type::Bool:
            return v.as_bool() ? "True" : "False";
        case Json::Type::Int:
            return std::to_string(v.as_int());
        case Json::Type::UInt:
            return std::to_string(v.as_uint());
        case Json::Type::Double:
            return python_float_repr(v.as_double());
        case Json::Type::String:
            return quoted(v.as_string());
        case Json::Type::Array: {
            std::string out = "[";
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) out += ", ";
                out += python_repr(v.as_array()[i]);
            }
            return out + "]";
        }
        case Json::Type::Object: {
            std::string out = "{";
            bool first = true;
            for (const auto& [k, e] : v.as_object()) {
                if (!first) out += ", ";
                first = false;
                out += quoted(k) + ": " + python_repr(e);
            }
            return out + "}";
        }
    }
    return "None";
}

std::string numpy_dtype_str(const DType& d) {
    const bool big = d.endian == Endian::Big;
    switch (d.kind) {
        case DTypeKind::Structured:
            return d.structured_descr.is_array() ? descr_str(d.structured_descr)
                                                 : d.numpy_typestr();
        case DTypeKind::Object:
            return "object";
        case DTypeKind::DateTime:
        case DTypeKind::TimeDelta:
            if (big) return d.numpy_typestr();
            return (d.kind == DTypeKind::DateTime ? "datetime64[" : "timedelta64[") +
                   d.datetime_unit + "]";
        default:
            break;
    }
    if (auto st = d.scalar_type(); st && !big) return scalar_name(*st);
    return d.numpy_typestr();
}

std::string numcodecs_repr(const Json& config) {
    if (config.is_null()) return "None";
    const Json* idp = config.find("id");
    const std::string id = idp && idp->is_string() ? idp->as_string() : "?";
    if (id == "blosc") {
        std::string shuffle = str_field(config, "shuffle");
        if (const Json* s = config.find("shuffle"); s && s->is_int()) {
            switch (s->as_int()) {
                case -1:
                    shuffle = "AUTOSHUFFLE";
                    break;
                case 0:
                    shuffle = "NOSHUFFLE";
                    break;
                case 1:
                    shuffle = "SHUFFLE";
                    break;
                case 2:
                    shuffle = "BITSHUFFLE";
                    break;
                default:
                    break;
            }
        }
        return "Blosc(cname=" + str_field(config, "cname") +
               ", clevel=" + str_field(config, "clevel") + ", shuffle=" + shuffle +
               ", blocksize=" + str_field(config, "blocksize") + ")";
    }
    if (id == "delta" || id == "quantize" || id == "fixedscaleoffset") {
        std::string out = id == "delta"      ? "Delta("
                          : id == "quantize" ? "Quantize("
                                             : "FixedScaleOffset(";
        if (id == "quantize") out += "digits=" + str_field(config, "digits") + ", ";
        if (id == "fixedscaleoffset")
            out += "scale=" + str_field(config, "scale") +
                   ", offset=" + str_field(config, "offset") + ", ";
        out += "dtype=" + str_field(config, "dtype");
        const Json* astype = config.find("astype");
        if (astype && config.find("dtype") && !(*astype == *config.find("dtype")))
            out += ", astype=" + python_repr(*astype);
        return out + ")";
    }
    struct Named {
        const char* id;
        const char* name;
    };
    static constexpr Named kNames[] = {
        {"zlib", "Zlib"},     {"gzip", "GZip"},   {"zstd", "Zstd"},          {"lz4", "LZ4"},
        {"bz2", "BZ2"},       {"lzma", "LZMA"},   {"vlen-utf8", "VLenUTF8"}, {"shuffle", "Shuffle"},
        {"astype", "AsType"}, {"crc32", "CRC32"}, {"adler32", "Adler32"},
    };
    std::string name = id;
    for (const auto& n : kNames) {
        if (id == n.id) name = n.name;
    }
    std::string out = name + "(";
    bool first = true;
    if (config.is_object()) {
        for (const auto& [k, v] : config.as_object()) {
            if (k == "id") continue;
            if (!first) out += ", ";
            first = false;
            out += k + "=" + python_repr(v);
        }
    }
    return out + ")";
}

std::string zarr_human_size(std::uint64_t n) {
    static constexpr const char* kUnits[] = {"K", "M", "G", "T", "P"};
    if (n < 1024) return std::to_string(n);
    double v = static_cast<double>(n);
    int unit = 0;
    double scale = 1024.0;
    while (unit < 4 && v >= scale * 1024.0) {
        scale *= 1024.0;
        ++unit;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f%s", v / scale, kUnits[unit]);
    return buf;
}

std::string zarr_info_bytes(std::uint64_t n) {
    if (n > 1024) return std::to_string(n) + " (" + zarr_human_size(n) + ")";
    return std::to_string(n);
}

}  // namespace cs
