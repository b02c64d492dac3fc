#include "core/hdf5/hdf5_error.h"

#include <mutex>
#include <vector>

namespace cs {

void hdf5_silence_errors() {
    static std::once_flag once;
    std::call_once(once, [] {
        H5::Exception::dontPrint();
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    });
}

namespace {

herr_t collect_entry(unsigned, const H5E_error2_t* entry, void* data) {
    auto* lines = static_cast<std::vector<std::string>*>(data);
    std::string line = entry->desc ? entry->desc : "";
    char minor[256] = {};
    if (H5Eget_msg(entry->min_num, nullptr, minor, sizeof minor) > 0 &&
        line.find(minor) == std::string::npos) {
        line += line.empty() ? minor : std::string(" (") + minor + ")";
    }
    if (!line.empty()) {
        for (const auto& seen : *lines)
            if (seen == line) return 0;
        lines->push_back(std::move(line));
    }
    return 0;
}

ErrorCode refine(ErrorCode fallback, const std::string& text) {
    auto has = [&](const char* s) { return text.find(s) != std::string::npos; };
    if (has("No such file") || has("doesn't exist") || has("object not found") ||
        (has("not found") && !has("signature")))
        return ErrorCode::NotFound;
    if (has("file signature not found") || has("truncated file") || has("bad object header") ||
        has("checksum") || has("corrupt"))
        return ErrorCode::Corrupt;
    if (has("filter") && (has("not available") || has("can't open") || has("not registered") ||
                          has("unable to load")))
        return ErrorCode::Unsupported;
    if (has("Permission denied")) return ErrorCode::Io;
    return fallback;
}

}  // namespace

std::string hdf5_error_stack_text() {
    std::vector<std::string> lines;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect_entry, &lines);
    H5Eclear2(H5E_DEFAULT);
    // The innermost entries say what actually went wrong; the outer ones repeat "unable to open".
    // Six, because a failed plugin search alone takes three before "filter is not registered".
    std::string text;
    const std::size_t keep = std::min<std::size_t>(lines.size(), 6);
    for (std::size_t i = 0; i < keep; ++i) {
        if (i) text += "; ";
        text += lines[i];
    }
    return text;
}

Error hdf5_error(ErrorCode fallback, const std::string& context, const std::string& what) {
    const std::string stack = hdf5_error_stack_text();
    std::string message = context + ": " + what;
    if (!stack.empty()) message += ": " + stack;
    return Error{refine(fallback, stack), std::move(message)};
}

}  // namespace cs
