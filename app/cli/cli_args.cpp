#include "app/cli/cli_args.h"

#include <iostream>

namespace cs::cli {

Result<Args> Args::parse(const std::vector<std::string>& argv, const ArgSpec& spec) {
    Args args;
    bool only_positional = false;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (only_positional || a.size() < 2 || a[0] != '-') {
            args.positional_.push_back(a);
            continue;
        }
        if (a == "--") {
            only_positional = true;
            continue;
        }
        std::string name = a;
        std::optional<std::string> inline_value;
        if (const auto eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
            name = a.substr(0, eq);
            inline_value = a.substr(eq + 1);
        }
        if (spec.flags.count(name)) {
            if (inline_value) return fail(ErrorCode::InvalidArgument, name + " takes no value");
            args.flags_.insert(name);
        } else if (spec.valued.count(name) || spec.repeatable.count(name)) {
            if (!inline_value) {
                if (i + 1 >= argv.size())
                    return fail(ErrorCode::InvalidArgument, name + " needs a value");
                inline_value = argv[++i];
            }
            if (!spec.repeatable.count(name) && args.values_.count(name))
                return fail(ErrorCode::InvalidArgument, name + " given twice");
            args.values_.emplace(name, *inline_value);
        } else {
            return fail(ErrorCode::InvalidArgument, "unknown option " + name);
        }
    }
    return args;
}

std::optional<std::string> Args::value(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Args::values(const std::string& name) const {
    std::vector<std::string> out;
    auto [lo, hi] = values_.equal_range(name);
    for (auto it = lo; it != hi; ++it) out.push_back(it->second);
    return out;
}

int report_error(const Error& error) {
    std::cerr << "chunkscope-cli: " << error.message << "\n";
    return 2;
}

}  // namespace cs::cli
