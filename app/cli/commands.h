// Every chunkscope-cli command: `int run_<name>(args)` returns the process exit status
// (0 success, 2 error with a message on stderr).
#pragma once

#include <string>
#include <vector>

namespace cs::cli {

using CommandArgs = std::vector<std::string>;

struct Command {
    const char* name;
    const char* usage;  // one line: "info LOCATION [--json] [--chunks]"
    int (*run)(const CommandArgs& args);
};

}  // namespace cs::cli
