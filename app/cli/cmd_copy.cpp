// chunkscope-cli copy SRC DST [--codec JSON|name] [--chunks a,b,..] [--threads N] [--lock]
//                             [--recode] [--trace t.json] [--summary s.json] [--csv tasks.csv]
// Copies any array to a new Zarr array (DST a folder, or "store.zarr/inner/path") or HDF5
// dataset (DST "file.h5" or "file.h5/inner/path"), optionally with another codec and chunk shape.
// A copy that changes neither moves stored bytes unless --recode asks to decode and re-encode.
#include <filesystem>
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/engine_cli.h"
#include "core/codec/codec.h"
#include "core/engine/ops/copy.h"
#include "core/hdf5/hdf5.h"
#include "core/store/directory_store.h"
#include "core/trace/summary.h"
#include "core/zarr/zarr.h"

namespace cs::cli {

namespace {

const char* const kCompressorIds[] = {"blosc", "zlib", "gzip", "zstd", "lz4", "bz2", "lzma"};

bool is_compressor(const Json& c) {
    const Json* id = c.is_object() ? c.find("id") : nullptr;
    if (!id || !id->is_string()) return false;
    for (const char* k : kCompressorIds)
        if (id->as_string() == k) return true;
    return false;
}

Json blosc(const char* cname, int clevel, int shuffle) {
    Json j = Json::object();
    j["id"] = "blosc";
    j["cname"] = cname;
    j["clevel"] = clevel;
    j["shuffle"] = shuffle;
    j["blocksize"] = 0;
    return j;
}

// --codec: a numcodecs JSON config, "none", or a short name.
Result<Json> codec_from_arg(const std::string& arg, std::size_t itemsize) {
    Json config;
    if (!arg.empty() && arg[0] == '{') {
        CS_ASSIGN_OR_RETURN(config, parse_json(arg, "--codec"));
    } else if (arg == "none") {
        return Json();
    } else if (arg == "blosc-lz4" || arg == "blosc") {
        config = blosc("lz4", 5, 1);
    } else if (arg == "blosc-zlib") {
        config = blosc("zlib", 3, 0);
    } else if (arg == "blosc-zstd") {
        config = blosc("zstd", 3, 1);
    } else {
        config = Json::object();
        config["id"] = arg;
        if (arg == "zlib" || arg == "gzip" || arg == "zstd" || arg == "bz2") config["level"] = 1;
    }
    auto codec = make_codec(config, itemsize);
    if (!codec) return fail(codec.error().with_context("--codec " + arg));
    return (*codec)->config();
}

Result<Shape> chunks_from_arg(const std::string& arg, std::size_t rank) {
    Shape out;
    std::size_t pos = 0;
    while (pos <= arg.size()) {
        const std::size_t comma = arg.find(',', pos);
        const std::string part =
            arg.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        char* end = nullptr;
        const unsigned long long v = std::strtoull(part.c_str(), &end, 10);
        if (part.empty() || *end || v == 0)
            return fail(ErrorCode::InvalidArgument,
                        "--chunks " + arg + ": '" + part + "' is not a positive whole number");
        out.push_back(v);
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    if (out.size() != rank)
        return fail(ErrorCode::InvalidArgument, "--chunks " + arg + ": the source has rank " +
                                                    std::to_string(rank) + ", got " +
                                                    std::to_string(out.size()) + " chunk sizes");
    return out;
}

// "dir/file.h5/grp/ds" -> {"dir/file.h5", "grp/ds"}; nullopt when no component is an HDF5 name.
std::optional<std::pair<std::string, std::string>> split_hdf5(const std::string& dst) {
    for (const char* ext : {".h5", ".hdf5", ".nc", ".nc4", ".he5"}) {
        const std::string e = ext;
        std::size_t pos = 0;
        while ((pos = dst.find(e, pos)) != std::string::npos) {
            const std::size_t end = pos + e.size();
            if (end == dst.size()) return std::make_pair(dst, std::string());
            if (dst[end] == '/') return std::make_pair(dst.substr(0, end), dst.substr(end + 1));
            pos = end;
        }
    }
    return std::nullopt;
}

Result<std::shared_ptr<ChunkedArray>> create_target(const ChunkedArray& src, const std::string& dst,
                                                    const Shape& chunks, const Args& args) {
    const ArrayMeta& m = src.meta();
    if (auto h5 = split_hdf5(dst)) {
        Hdf5CreateOptions o;
        o.dtype = m.dtype;
        o.shape = m.shape();
        o.chunk_shape = chunks;
        o.fill_value = m.fill_value;
        o.truncate_file = false;
        if (auto c = args.value("--codec")) {
            CS_ASSIGN_OR_RETURN(Json config, codec_from_arg(*c, m.dtype.itemsize));
            if (config.is_null()) {
                o.gzip_level = -1;
            } else if (config.find("id")->as_string() == "gzip" ||
                       config.find("id")->as_string() == "zlib") {
                o.gzip_level = static_cast<int>(config.find("level")->as_int());
            } else {
                return fail(ErrorCode::Unsupported,
                            dst + ": HDF5 targets take --codec gzip (or zlib, none), not " +
                                config.find("id")->as_string());
            }
        }
        std::string inner = h5->second;
        if (inner.empty()) {
            const std::string d = src.describe();
            inner = d.substr(d.find_last_of('/') + 1);
            if (inner.empty() || inner.find('.') != std::string::npos) inner = "data";
        }
        CS_ASSIGN_OR_RETURN(auto a, create_hdf5_dataset(h5->first, inner, o));
        return std::shared_ptr<ChunkedArray>(std::move(a));
    }
    ZarrCreateOptions o;
    o.shape = m.shape();
    o.chunks = chunks;
    o.dtype = m.dtype;
    o.fill_value = fill_value_json(m.fill_value, m.dtype);
    if (auto c = args.value("--codec")) {
        CS_ASSIGN_OR_RETURN(o.compressor, codec_from_arg(*c, m.dtype.itemsize));
    } else {
        // Keep a Zarr source's filters and compressor; anything else gets zarr's default.
        bool numcodecs = m.codecs.is_array();
        if (numcodecs)
            for (const Json& c : m.codecs.as_array())
                numcodecs &= make_codec(c, m.dtype.itemsize).has_value();
        o.compressor = blosc("lz4", 5, 1);
        if (numcodecs) {
            Json filters = Json::array();
            o.compressor = Json();
            for (const Json& c : m.codecs.as_array()) {
                if (is_compressor(c))
                    o.compressor = c;
                else
                    filters.push_back(c);
            }
            if (filters.size()) o.filters = filters;
        }
    }
    std::string root = dst, path;
    if (const auto p = dst.find(".zarr/"); p != std::string::npos) {
        root = dst.substr(0, p + 5);
        path = dst.substr(p + 6);
    }
    CS_ASSIGN_OR_RETURN(auto a,
                        create_zarr_array(std::make_shared<DirectoryStore>(root), path, o, false));
    return std::shared_ptr<ChunkedArray>(std::move(a));
}

}  // namespace

int run_copy(const CommandArgs& argv) {
    ArgSpec spec;
    spec.valued = {"--codec", "--chunks"};
    spec.flags = {"--recode"};
    add_run_options(spec);
    auto args = Args::parse(argv, spec);
    if (!args) return report_error(args.error());
    if (args->positional().size() != 2)
        return report_error(Error{ErrorCode::InvalidArgument, "copy needs SRC and DST"});
    const std::string src_loc = args->positional()[0], dst = args->positional()[1];
    auto settings = run_settings_from(*args);
    if (!settings) return report_error(settings.error());
    settings->chunks_per_task = 1;  // a copy runs a task per target chunk
    auto src = open_array_at(src_loc, location_options_from(*args));
    if (!src) return report_error(src.error());
    Shape chunks = (*src)->meta().chunk_shape();
    if (auto c = args->value("--chunks")) {
        auto parsed = chunks_from_arg(*c, (*src)->meta().grid.rank());
        if (!parsed) return report_error(parsed.error());
        chunks = *parsed;
    }
    auto target = create_target(**src, dst, chunks, *args);
    if (!target) return report_error(target.error());
    auto plan = engine::plan_copy(*src, *target, {.recode = args->flag("--recode")});
    if (!plan) return report_error(plan.error());
    settings->operation = "copy";
    settings->inputs = {src_loc};
    settings->output = dst;
    auto out = run_with_progress(*plan, *settings, *args);
    if (!out) return report_error(out.error());
    if (!out->status) return report_error(out->status.error());
    if (!args->flag("--quiet")) {
        const auto s = trace::summarize(out->trace);
        std::cout << "copied " << src_loc << " -> " << dst << ": " << s.tasks << " tasks, "
                  << s.raw_bytes_in << " bytes in " << s.wall_s << " s (" << s.gb_per_s
                  << " GB/s)\n";
    }
    return 0;
}

}  // namespace cs::cli
