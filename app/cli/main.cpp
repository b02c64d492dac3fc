// chunkscope-cli: the headless face of chunkscope (info, cat, copy, run, report, gen-demo, bench).
#include <cstring>
#include <iostream>
#include <span>

#include "app/cli/commands.h"
#include "core/util/large_buffer.h"

namespace cs::cli {
// Each command lives in its own cmd_<name>.cpp.
int run_copy(const CommandArgs& args);
int run_run(const CommandArgs& args);
int run_gen_demo(const CommandArgs& args);
int run_bench(const CommandArgs& args);
int run_info(const CommandArgs& args);
int run_cat(const CommandArgs& args);
#ifdef CS_HAVE_REPORT
int run_report(const CommandArgs& args);
#endif
}  // namespace cs::cli

namespace {

using cs::cli::Command;

const Command kCommands[] = {
    {"copy",
     "copy SRC DST [--codec JSON|name] [--chunks a,b,..] [--threads N] [--lock] [--recode] "
     "[--shards-as-chunks] [--trace t.json] [--summary s.json]",
     cs::cli::run_copy},
    {"run",
     "run EXPR --input x=LOCATION ... [-o out.npy|out.zarr] [--threads N] [--lock] "
     "[--fan-in N] [--chunks-per-task N|auto] [--shards-as-chunks] [--trace t.json] [--summary "
     "s.json]",
     cs::cli::run_run},
    {"gen-demo", "gen-demo DIR [--scale F] [--seed N]", cs::cli::run_gen_demo},
    {"bench",
     "bench codec-limit LOCATION [--encode] [--threads N] | tiny-tasks | copy-mem [--n N] "
     "[--threads N]",
     cs::cli::run_bench},
    {"version", "version",
     [](const cs::cli::CommandArgs&) {
         std::cout << "chunkscope 0.1.0\n";
         return 0;
     }},
    {"info", "info LOCATION [--json] [--chunks] [--shards-as-chunks]", cs::cli::run_info},
    {"cat", "cat LOCATION [--slice \"0:10,:,1\"] -o OUT.npy", cs::cli::run_cat},
#ifdef CS_HAVE_REPORT
    {"report", "report PROFILE.json... -o report.html [--title TEXT]", cs::cli::run_report},
#endif
};

int usage(std::ostream& out) {
    out << "usage: chunkscope-cli COMMAND [ARGS]\n\ncommands:\n";
    for (const auto& c : kCommands) out << "  " << c.usage << "\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    cs::keep_chunk_sized_blocks_in_heap();
    if (argc < 2) return usage(std::cerr);
    const std::string name = argv[1];
    if (name == "-h" || name == "--help" || name == "help") {
        usage(std::cout);
        return 0;
    }
    for (const auto& c : kCommands) {
        if (name == c.name) return c.run(cs::cli::CommandArgs(argv + 2, argv + argc));
    }
    std::cerr << "chunkscope-cli: unknown command '" << name << "'\n";
    return usage(std::cerr);
}
