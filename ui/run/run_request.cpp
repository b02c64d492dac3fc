#include "ui/run/run_request.h"

#include <charconv>
#include <filesystem>

#include "core/engine/executor.h"
#include "core/engine/expression_parser.h"
#include "core/engine/ops/copy.h"
#include "core/engine/ops/expression.h"
#include "core/engine/ops/reduce.h"
#include "core/hdf5/hdf5.h"
#include "core/store/directory_store.h"
#include "core/store/memory_store.h"
#include "core/zarr/zarr.h"

namespace cs::ui {

QString copyBackendName(CopyBackend backend) {
    switch (backend) {
        case CopyBackend::ZarrBloscLz4:
            return QStringLiteral("Zarr blosc-lz4");
        case CopyBackend::ZarrBloscZlib:
            return QStringLiteral("Zarr blosc-zlib");
        case CopyBackend::ZarrBloscZstd:
            return QStringLiteral("Zarr blosc-zstd");
        case CopyBackend::ZarrZstd:
            return QStringLiteral("Zarr zstd");
        case CopyBackend::ZarrZlib:
            return QStringLiteral("Zarr zlib");
        case CopyBackend::Hdf5Gzip:
            return QStringLiteral("HDF5 gzip");
        case CopyBackend::Memory:
            return QStringLiteral("in memory");
    }
    return {};
}

Result<std::optional<std::vector<std::int64_t>>> parseAxes(const std::string& text) {
    std::vector<std::int64_t> axes;
    std::size_t i = 0;
    bool any = false;
    while (i < text.size()) {
        while (i < text.size() &&
               (text[i] == ' ' || text[i] == ',' || text[i] == '(' || text[i] == ')'))
            ++i;
        if (i >= text.size()) break;
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), v);
        if (ec != std::errc{}) {
            return fail(
                ErrorCode::InvalidArgument,
                "axes '" + text + "': expected integers separated by commas, e.g. \"0, 2\"");
        }
        axes.push_back(v);
        any = true;
        i = static_cast<std::size_t>(end - text.data());
    }
    if (!any) return std::optional<std::vector<std::int64_t>>{};
    return std::optional<std::vector<std::int64_t>>(std::move(axes));
}

namespace {

Json zarrCompressor(const RunRequest& r) {
    Json c = Json::object();
    const auto blosc = [&](const char* cname) {
        c["id"] = "blosc";
        c["cname"] = cname;
        c["clevel"] = r.level;
        c["shuffle"] = r.shuffle ? 1 : 0;
        c["blocksize"] = 0;
    };
    switch (r.backend) {
        case CopyBackend::ZarrBloscLz4:
        case CopyBackend::Memory:
            blosc("lz4");
            break;
        case CopyBackend::ZarrBloscZlib:
            blosc("zlib");
            break;
        case CopyBackend::ZarrBloscZstd:
            blosc("zstd");
            break;
        case CopyBackend::ZarrZstd:
            c["id"] = "zstd";
            c["level"] = r.level;
            break;
        case CopyBackend::ZarrZlib:
        case CopyBackend::Hdf5Gzip:
            c["id"] = "zlib";
            c["level"] = r.level;
            break;
    }
    return c;
}

Result<PreparedRun> prepareCopy(std::shared_ptr<const ChunkedArray> source, const RunRequest& r,
                                const std::string& scratchDir, const std::string& tag) {
    PreparedRun out;
    out.settings = r.settings;
    out.settings.chunks_per_task = 1;  // a copy runs a task per target chunk
    const ArrayMeta& meta = source->meta();
    std::string location;
    std::unique_ptr<ChunkedArray> target;
    if (r.backend == CopyBackend::Hdf5Gzip) {
        location = scratchDir + "/" + tag + ".h5";
        Hdf5CreateOptions o;
        o.dtype = meta.dtype;
        o.shape = meta.shape();
        o.chunk_shape = meta.chunk_shape();
        o.gzip_level = r.level;
        o.shuffle = r.shuffle;
        o.fill_value = meta.fill_value;
        o.truncate_file = true;
        CS_ASSIGN_OR_RETURN(target, create_hdf5_dataset(location, "data", o));
        location += ":/data";
    } else {
        ZarrCreateOptions o;
        o.shape = meta.shape();
        o.chunks = meta.chunk_shape();
        o.dtype = meta.dtype;
        o.compressor = zarrCompressor(r);
        o.filters = nullptr;
        o.fill_value = nullptr;
        std::shared_ptr<Store> store;
        if (r.backend == CopyBackend::Memory) {
            store = std::make_shared<MemoryStore>();
            location = "memory:" + tag;
        } else {
            location = scratchDir + "/" + tag + ".zarr";
            std::error_code ec;
            std::filesystem::create_directories(location, ec);
            if (ec) {
                return fail(ErrorCode::Io,
                            "cannot create the copy target " + location + ": " + ec.message());
            }
            store = std::make_shared<DirectoryStore>(location);
        }
        CS_ASSIGN_OR_RETURN(target, create_zarr_array(store, "", o, true));
    }
    out.target = std::shared_ptr<ChunkedArray>(std::move(target));
    CS_ASSIGN_OR_RETURN(out.plan, engine::plan_copy(source, out.target));
    out.settings.operation = "copy to " + copyBackendName(r.backend).toStdString();
    out.settings.output = location;
    out.plan->metadata["target_backend"] = copyBackendName(r.backend).toStdString();
    out.plan->metadata["target_codec"] =
        r.backend == CopyBackend::Hdf5Gzip
            ? Json(std::string("gzip level ") + std::to_string(r.level) +
                   (r.shuffle ? " + shuffle" : ""))
            : zarrCompressor(r);
    return out;
}

// Copies `source` to `backend` and runs that copy to the end, untraced: the comparison measures
// the operation on the converted array, not the conversion.
Result<std::shared_ptr<ChunkedArray>> convertInput(std::shared_ptr<const ChunkedArray> source,
                                                   const RunRequest& r, CopyBackend backend,
                                                   const std::string& scratchDir,
                                                   const std::string& tag,
                                                   const std::atomic<bool>* cancel) {
    RunRequest copy = r;
    copy.operation = RunOperation::Copy;
    copy.backend = backend;
    CS_ASSIGN_OR_RETURN(auto prepared, prepareCopy(source, copy, scratchDir, tag));
    trace::RunSettings settings;
    settings.threads = engine::hardware_threads();
    settings.sample_interval_ms = 0;
    settings.record_tasks = false;
    auto outcome = engine::run_plan(prepared.plan, settings, {}, cancel);
    if (!outcome.status) {
        return fail(outcome.status.error().code, "converting " + source->describe() + " to " +
                                                     copyBackendName(backend).toStdString() + ": " +
                                                     outcome.status.error().message);
    }
    return prepared.target;
}

}  // namespace

bool needsConversion(const RunRequest& request) {
    return request.convertTo.has_value() && request.operation != RunOperation::Copy;
}

Result<PreparedRun> prepareRun(std::shared_ptr<const ChunkedArray> source,
                               const RunRequest& request, const std::string& scratchDir,
                               const std::string& tag, const std::atomic<bool>* cancel) {
    if (!source) return fail(ErrorCode::InvalidArgument, "run: no array is selected");
    PreparedRun out;
    const std::string selected = source->describe();
    std::shared_ptr<ChunkedArray> converted;
    if (needsConversion(request)) {
        CS_ASSIGN_OR_RETURN(converted, convertInput(source, request, *request.convertTo, scratchDir,
                                                    tag + "-input", cancel));
        source = converted;
    }
    switch (request.operation) {
        case RunOperation::Copy: {
            CS_ASSIGN_OR_RETURN(out, prepareCopy(source, request, scratchDir, tag));
            break;
        }
        case RunOperation::Reduce:
        case RunOperation::Bincount: {
            engine::ReduceSpec spec;
            if (request.operation == RunOperation::Bincount) {
                spec.op = engine::ReduceOp::Bincount;
                spec.bins = request.bins;
                if (request.bins == 0)
                    return fail(ErrorCode::InvalidArgument,
                                "bincount: the number of bins must be at least 1");
            } else {
                const auto op = engine::reduce_op_from_name(request.reduceOp);
                if (!op || *op == engine::ReduceOp::Bincount)
                    return fail(ErrorCode::InvalidArgument,
                                "reduce: unknown reduction '" + request.reduceOp + "'");
                spec.op = *op;
            }
            spec.axes = request.axes;
            spec.fan_in = std::max<std::uint32_t>(2, request.settings.fan_in);
            spec.chunks_per_leaf = request.settings.chunks_per_task;  // 0: the engine chooses
            spec.threads = engine::run_threads(request.settings.threads);
            CS_ASSIGN_OR_RETURN(auto chunkSource, engine::array_source(source));
            CS_ASSIGN_OR_RETURN(auto reduce, engine::plan_reduce(std::move(chunkSource), spec));
            out.plan = reduce.plan;
            out.result = reduce.result;
            out.settings = request.settings;
            out.settings.chunks_per_task = reduce.chunks_per_leaf;
            out.settings.operation = out.plan->description.empty()
                                         ? std::string(engine::reduce_op_name(spec.op))
                                         : out.plan->description;
            break;
        }
        case RunOperation::Expression: {
            // The selected array is the input named x; an element-wise result goes to an
            // in-memory Zarr array (blosc-lz4), a reduction's result stays in memory.
            CS_ASSIGN_OR_RETURN(auto parsed, engine::parse_expression(request.expression));
            const engine::NamedInputs inputs = {{"x", source}};
            std::uint32_t chunksPerTask = 1;  // element-wise: a task per chunk
            if (parsed.reduce) {
                CS_ASSIGN_OR_RETURN(
                    auto reduce,
                    engine::plan_expression_reduce(
                        parsed, inputs, std::max<std::uint32_t>(2, request.settings.fan_in), {},
                        request.settings.chunks_per_task,
                        engine::run_threads(request.settings.threads)));
                out.plan = reduce.plan;
                out.result = reduce.result;
                chunksPerTask = reduce.chunks_per_leaf;
            } else {
                CS_ASSIGN_OR_RETURN(auto shape, engine::expression_output(parsed, inputs));
                ZarrCreateOptions o;
                o.shape = shape.shape;
                o.chunks = shape.chunks;
                o.dtype = DType::scalar(shape.type);
                RunRequest lz4 = request;
                lz4.backend = CopyBackend::Memory;
                o.compressor = zarrCompressor(lz4);
                o.fill_value = nullptr;
                CS_ASSIGN_OR_RETURN(
                    auto target, create_zarr_array(std::make_shared<MemoryStore>(), "", o, true));
                out.target = std::shared_ptr<ChunkedArray>(std::move(target));
                CS_ASSIGN_OR_RETURN(out.plan,
                                    engine::plan_expression_array(parsed, inputs, out.target));
                out.settings.output = "memory:" + tag;
            }
            out.settings = [&] {
                auto s = request.settings;
                s.output = out.settings.output;
                s.chunks_per_task = chunksPerTask;
                return s;
            }();
            out.settings.operation = request.expression;
            break;
        }
    }
    out.settings.inputs = {source->describe()};
    if (converted) {
        const std::string backend = copyBackendName(*request.convertTo).toStdString();
        out.converted = converted;
        out.settings.operation += " on " + backend;
        out.plan->metadata["source_backend"] = backend;
        out.plan->metadata["converted_from"] = selected;
    }
    out.plan->metadata["source_shape"] = [&] {
        Json a = Json::array();
        for (auto v : source->meta().shape()) a.push_back(Json(static_cast<unsigned long long>(v)));
        return a;
    }();
    out.plan->metadata["source_chunks"] = [&] {
        Json a = Json::array();
        for (auto v : source->meta().chunk_shape())
            a.push_back(Json(static_cast<unsigned long long>(v)));
        return a;
    }();
    out.plan->metadata["source_dtype"] = source->meta().dtype.display_name();
    out.plan->metadata["source_codecs"] = source->meta().codecs;
    out.plan->metadata["source_nbytes"] =
        Json(static_cast<unsigned long long>(source->meta().nbytes()));
    return out;
}

}  // namespace cs::ui
