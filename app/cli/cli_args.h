// A small argument parser shared by the chunkscope-cli commands: positionals, "--flag",
// "--name value" and "--name=value", "-o value". Unknown options are errors, so a typo never
// silently changes what a command does.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace cs::cli {

struct ArgSpec {
    std::set<std::string> flags;         // options without a value: {"--json", "--lock"}
    std::set<std::string> valued;        // options with a value: {"--slice", "-o"}
    std::set<std::string> repeatable;    // valued options that may repeat: {"--input"}
};

class Args {
public:
    static Result<Args> parse(const std::vector<std::string>& argv, const ArgSpec& spec);

    const std::vector<std::string>& positional() const { return positional_; }
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;

private:
    std::vector<std::string> positional_;
    std::set<std::string> flags_;
    std::multimap<std::string, std::string> values_;
};

// The one place CLI commands report failures: "chunkscope-cli: <message>" on stderr, status 2.
int report_error(const Error& error);

}  // namespace cs::cli
