// chunkscope-cli gen-demo DIR [--scale F] [--seed N] [--threads N]
// Writes the benchmark's demo data (core/engine/demo_data.h) into DIR.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "core/engine/demo_data.h"

namespace cs::cli {

int run_gen_demo(const CommandArgs& argv) {
    ArgSpec spec;
    spec.valued = {"--scale", "--seed", "--threads"};
    spec.flags = {"--quiet"};
    auto args = Args::parse(argv, spec);
    if (!args) return report_error(args.error());
    if (args->positional().size() != 1)
        return report_error(Error{ErrorCode::InvalidArgument, "gen-demo needs DIR"});
    engine::DemoDataOptions o;
    try {
        if (auto s = args->value("--scale")) o.scale = std::stod(*s);
        if (auto s = args->value("--seed")) o.seed = std::stoull(*s);
        if (auto s = args->value("--threads"))
            o.threads = static_cast<std::uint32_t>(std::stoul(*s));
    } catch (const std::exception&) {
        return report_error(Error{ErrorCode::InvalidArgument,
                                  "gen-demo: --scale, --seed and --threads take numbers"});
    }
    const bool bar = isatty(STDERR_FILENO) && !args->flag("--quiet");
    std::function<void(double, const std::string&)> progress;
    if (bar)
        progress = [](double f, const std::string& stage) {
            std::fprintf(stderr, "\rwriting %-8s %3.0f%%", stage.c_str(), 100 * f);
            std::fflush(stderr);
        };
    auto info = engine::write_demo_data(args->positional()[0], o, progress);
    if (bar) std::fputc('\n', stderr);
    if (!info) return report_error(info.error());
    if (!args->flag("--quiet"))
        std::cout << "wrote demo data to " << args->positional()[0] << ": genotype ("
                  << info->genotype_shape[0] << ", 765, 2) x 3 stores, field ("
                  << info->field_shape[0] << ", 7500), " << info->bytes_written
                  << " bytes stored\n";
    return 0;
}

}  // namespace cs::cli
