#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/trace/chrome_trace.h"

namespace cs::trace {

Result<void> write_text_file_atomic(const std::string& path, std::string_view text) {
    const std::string tmp = path + ".partial";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return fail(ErrorCode::Io, path + ": cannot write: " + std::strerror(errno));
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    const int err = errno;
    if (std::fclose(f) != 0 || !ok) {
        std::remove(tmp.c_str());
        return fail(ErrorCode::Io, path + ": write failed: " + std::strerror(err));
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int e = errno;
        std::remove(tmp.c_str());
        return fail(ErrorCode::Io, path + ": cannot rename into place: " + std::strerror(e));
    }
    return {};
}

Result<std::string> read_text_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return fail(ErrorCode::NotFound, path + ": cannot open: " + std::strerror(errno));
    std::ostringstream s;
    s << f.rdbuf();
    if (f.bad()) return fail(ErrorCode::Io, path + ": read failed");
    return s.str();
}

}  // namespace cs::trace
