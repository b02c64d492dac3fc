// chunkscope-cli run "EXPR" --input x=LOCATION ... [-o out.npy|out.zarr] [--threads N] [--lock]
//                          [--trace t.json] [--summary s.json] [--csv tasks.csv] [--fan-in N]
// Evaluates a fused expression chunk by chunk (core/engine/expression_parser.h for the
// language). A reduction's small result goes to a .npy file, a one-chunk Zarr array, or stdout;
// an element-wise result is an array and goes to a Zarr array chunked like the inputs.
#include <iostream>

#include "app/cli/commands.h"
#include "app/cli/engine_cli.h"
#include "core/array/npy.h"
#include "core/engine/ops/expression.h"
#include "core/engine/ops/scalar_dispatch.h"
#include "core/store/directory_store.h"
#include "core/trace/summary.h"
#include "core/zarr/zarr.h"

namespace cs::cli {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::pair<std::string, std::string> split_zarr(const std::string& out) {
    if (const auto p = out.find(".zarr/"); p != std::string::npos)
        return {out.substr(0, p + 5), out.substr(p + 6)};
    return {out, ""};
}

Result<void> write_small_result(const engine::ReduceResult& r, const std::string& out) {
    if (ends_with(out, ".npy")) return write_npy(out, r.dtype, r.shape, r.data);
    ZarrCreateOptions o;
    o.shape = r.shape;
    o.chunks = r.shape;
    for (auto& c : o.chunks) c = std::max<std::uint64_t>(c, 1);
    o.dtype = r.dtype;
    o.compressor = Json();
    const auto [root, path] = split_zarr(out);
    CS_ASSIGN_OR_RETURN(auto a,
                        create_zarr_array(std::make_shared<DirectoryStore>(root), path, o, true));
    const ChunkCoords origin(r.shape.size(), 0);
    return a->write_chunk(origin, r.data);
}

void print_result(const engine::ReduceResult& r) {
    std::uint64_t n = 1;
    for (auto s : r.shape) n *= s;
    std::cout << "shape (";
    for (std::size_t i = 0; i < r.shape.size(); ++i) std::cout << (i ? ", " : "") << r.shape[i];
    std::cout << (r.shape.size() == 1 ? ",)" : ")") << " dtype " << r.dtype.display_name() << "\n";
    const auto type = *r.dtype.scalar_type();
    const std::uint64_t show = std::min<std::uint64_t>(n, 20);
    for (std::uint64_t i = 0; i < show; ++i) {
        engine::dispatch_scalar(type, [&](auto t) {
            using T = decltype(t);
            if constexpr (std::is_same_v<T, engine::Half> || std::is_floating_point_v<T>) {
                std::cout << python_float_repr(engine::load_as_double<T>(r.data.data(), i));
            } else {
                T v;
                std::memcpy(&v, r.data.data() + i * sizeof(T), sizeof(T));
                std::cout << +v;
            }
        });
        std::cout << (i + 1 < show ? " " : "");
    }
    if (show < n) std::cout << " ... (" << n << " values)";
    std::cout << "\n";
}

}  // namespace

int run_run(const CommandArgs& argv) {
    ArgSpec spec;
    spec.valued = {"-o"};
    spec.repeatable = {"--input"};
    add_run_options(spec);
    auto args = Args::parse(argv, spec);
    if (!args) return report_error(args.error());
    if (args->positional().size() != 1)
        return report_error(Error{ErrorCode::InvalidArgument, "run needs one EXPR"});
    auto settings = run_settings_from(*args);
    if (!settings) return report_error(settings.error());
    auto expr = engine::parse_expression(args->positional()[0]);
    if (!expr) return report_error(expr.error());
    engine::NamedInputs inputs;
    for (const std::string& in : args->values("--input")) {
        const auto eq = in.find('=');
        if (eq == std::string::npos || eq == 0)
            return report_error(
                Error{ErrorCode::InvalidArgument, "--input " + in + ": expected NAME=LOCATION"});
        auto a = open_array_at(in.substr(eq + 1), location_options_from(*args));
        if (!a) return report_error(a.error());
        inputs.emplace_back(in.substr(0, eq), *a);
        settings->inputs.push_back(in);
    }
    const std::optional<std::string> out = args->value("-o");
    settings->operation = expr->text;
    settings->output = out.value_or("");
    std::shared_ptr<engine::Plan> plan;
    std::shared_ptr<engine::ReduceResult> result;
    if (expr->reduce) {
        std::function<Result<void>(const engine::ReduceResult&)> sink;
        if (out)
            sink = [o = *out](const engine::ReduceResult& r) { return write_small_result(r, o); };
        auto rp = engine::plan_expression_reduce(*expr, inputs, settings->fan_in, sink,
                                                 settings->chunks_per_task,
                                                 engine::run_threads(settings->threads));
        if (!rp) return report_error(rp.error());
        plan = rp->plan;
        result = rp->result;
        settings->chunks_per_task = rp->chunks_per_leaf;
    } else {
        if (!out || ends_with(*out, ".npy"))
            return report_error(
                Error{ErrorCode::InvalidArgument,
                      "'" + expr->text + "' gives an array: write it with -o OUT.zarr"});
        auto shape = engine::expression_output(*expr, inputs);
        if (!shape) return report_error(shape.error());
        ZarrCreateOptions o;
        o.shape = shape->shape;
        o.chunks = shape->chunks;
        o.dtype = DType::scalar(shape->type);
        Json c = Json::object();
        c["id"] = "blosc";
        c["cname"] = "lz4";
        c["clevel"] = 5;
        c["shuffle"] = 1;
        c["blocksize"] = 0;
        o.compressor = c;
        o.fill_value = shape->type == ScalarType::Bool ? Json(false) : Json(0.0);
        const auto [root, path] = split_zarr(*out);
        auto target = create_zarr_array(std::make_shared<DirectoryStore>(root), path, o, false);
        if (!target) return report_error(target.error());
        auto p = engine::plan_expression_array(*expr, inputs,
                                               std::shared_ptr<ChunkedArray>(std::move(*target)));
        if (!p) return report_error(p.error());
        plan = *p;
        settings->chunks_per_task = 1;  // element-wise: a task per chunk
    }
    auto outcome = run_with_progress(plan, *settings, *args);
    if (!outcome) return report_error(outcome.error());
    if (!outcome->status) return report_error(outcome->status.error());
    if (result && !out) print_result(*result);
    if (!args->flag("--quiet") && out) {
        const auto s = trace::summarize(outcome->trace);
        std::cout << expr->text << " -> " << *out << ": " << s.tasks << " tasks in " << s.wall_s
                  << " s\n";
    }
    return 0;
}

}  // namespace cs::cli
