#include "core/store/directory_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include "core/store/posix_io.h"
#include "core/store/range_check.h"
#include "core/store/unique_fd.h"

namespace cs {

namespace {

constexpr std::string_view kTempMarker = ".cs-tmp.";

std::string_view last_segment(std::string_view key) {
    const std::size_t slash = key.rfind('/');
    return slash == std::string_view::npos ? key : key.substr(slash + 1);
}

// A key whose parent is a file ("z/x" with "z" a value) cannot exist either: not an error.
bool is_absent_errno(int err) {
    return err == ENOENT || err == ENOTDIR;
}

// The temporary beside `name`, unique across threads (counter) and processes (pid).
std::string temporary_name(std::string_view name) {
    static std::atomic<std::uint64_t> counter{0};
    // Keep the result under NAME_MAX (255) even for very long key names.
    const std::string_view stem = name.substr(0, 200);
    return "." + std::string(stem) + std::string(kTempMarker) + std::to_string(::getpid()) + "." +
           std::to_string(counter.fetch_add(1));
}

Result<UniqueFd> open_for_reading(const std::string& path, bool& absent) {
    absent = false;
    int fd;
    do {
        // O_NONBLOCK: a FIFO where a value should be must fail, not hang the reader.
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        if (is_absent_errno(errno)) {
            absent = true;
            return UniqueFd();
        }
        return fail(posix::io_error(path, "cannot open for reading", errno));
    }
    return UniqueFd(fd);
}

// The size of an open file; nullopt for a folder, which is a prefix of keys, not a value (as in
// zarr-python and MemoryStore). Anything else that is not a regular file cannot be a value.
Result<std::optional<std::uint64_t>> value_size(const struct stat& st, const std::string& path) {
    if (S_ISDIR(st.st_mode)) return std::optional<std::uint64_t>();
    if (!S_ISREG(st.st_mode)) {
        return fail(ErrorCode::Io, path +
                                       ": is not a regular file (a FIFO, socket or device), so "
                                       "it cannot hold a value");
    }
    return std::optional<std::uint64_t>(std::uint64_t(st.st_size));
}

Result<std::optional<std::uint64_t>> open_file_size(int fd, const std::string& path) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return fail(posix::io_error(path, "cannot stat", errno));
    return value_size(st, path);
}

}  // namespace

DirectoryStore::DirectoryStore(std::string root) : root_(std::move(root)) {
    while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
    if (root_.empty()) root_ = ".";
}

std::string DirectoryStore::path_of(std::string_view key) const {
    std::string path = root_;
    if (path.back() != '/') path += '/';
    path += key;
    return path;
}

bool DirectoryStore::is_temporary_name(std::string_view name) {
    return name.starts_with('.') && name.find(kTempMarker) != std::string_view::npos;
}

Result<std::optional<Bytes>> DirectoryStore::get(std::string_view key) const {
    CS_RETURN_IF_ERROR(validate_key(key));
    const std::string path = path_of(key);
    bool absent = false;
    CS_ASSIGN_OR_RETURN(UniqueFd fd, open_for_reading(path, absent));
    if (absent) return std::optional<Bytes>();
    CS_ASSIGN_OR_RETURN(std::optional<std::uint64_t> size, open_file_size(fd.get(), path));
    if (!size) return std::optional<Bytes>();
    CS_ASSIGN_OR_RETURN(Bytes bytes, posix::read_exactly(fd.get(), 0, *size, path));
    return std::optional<Bytes>(std::move(bytes));
}

Result<std::optional<Bytes>> DirectoryStore::get_range(std::string_view key, std::uint64_t offset,
                                                       std::uint64_t length) const {
    CS_RETURN_IF_ERROR(validate_key(key));
    const std::string path = path_of(key);
    bool absent = false;
    CS_ASSIGN_OR_RETURN(UniqueFd fd, open_for_reading(path, absent));
    if (absent) return std::optional<Bytes>();
    CS_ASSIGN_OR_RETURN(std::optional<std::uint64_t> size, open_file_size(fd.get(), path));
    if (!size) return std::optional<Bytes>();
    CS_RETURN_IF_ERROR(check_range(path, offset, length, *size));
    CS_ASSIGN_OR_RETURN(Bytes bytes, posix::read_exactly(fd.get(), offset, length, path));
    return std::optional<Bytes>(std::move(bytes));
}

Result<std::optional<std::uint64_t>> DirectoryStore::size(std::string_view key) const {
    CS_RETURN_IF_ERROR(validate_key(key));
    const std::string path = path_of(key);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (is_absent_errno(errno)) return std::optional<std::uint64_t>();
        return fail(posix::io_error(path, "cannot stat", errno));
    }
    return value_size(st, path);
}

namespace {

// Opens the folder that holds `key`, walking each folder below the root with O_NOFOLLOW so that
// a symlink inside the store cannot send a write elsewhere. With `create`, missing folders (and
// the root) are made; without it, a missing folder gives an invalid fd.
Result<UniqueFd> open_parent(const DirectoryStore& store, std::string_view key, bool create) {
    const std::string& root = store.root();
    UniqueFd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid() && errno == ENOENT && create) {
        std::error_code ec;
        std::filesystem::create_directories(root, ec);
        if (ec) return fail(posix::io_error(root, "cannot create the store folder", ec.value()));
        dir = UniqueFd(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    }
    if (!dir.valid()) {
        if (errno == ENOENT && !create) return UniqueFd();
        return fail(posix::io_error(root, "cannot open the store folder", errno));
    }
    std::size_t start = 0;
    for (std::size_t slash = key.find('/'); slash != std::string_view::npos;
         start = slash + 1, slash = key.find('/', start)) {
        const std::string segment(key.substr(start, slash - start));
        const std::string folder = store.path_of(key.substr(0, slash));
        const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
        int next = ::openat(dir.get(), segment.c_str(), flags);
        if (next < 0 && errno == ENOENT) {
            if (!create) return UniqueFd();
            // EEXIST: another thread made it first, which is fine.
            if (::mkdirat(dir.get(), segment.c_str(), 0777) != 0 && errno != EEXIST) {
                return fail(posix::io_error(folder, "cannot create folder", errno));
            }
            next = ::openat(dir.get(), segment.c_str(), flags);
        }
        if (next < 0) {
            const int err = errno;
            struct stat st {};
            if (::fstatat(dir.get(), segment.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
                if (S_ISLNK(st.st_mode)) {
                    return fail(ErrorCode::InvalidArgument,
                                folder +
                                    ": is a symbolic link; DirectoryStore does not write "
                                    "or erase through links");
                }
                if (!S_ISDIR(st.st_mode)) {
                    if (!create) return UniqueFd();  // erase: "z/x" under a value "z" is absent
                    return fail(ErrorCode::Io, folder + ": is a file, but key \"" +
                                                   std::string(key) + "\" needs it to be a folder");
                }
            }
            return fail(posix::io_error(folder, "cannot open folder", err));
        }
        dir = UniqueFd(next);
    }
    return dir;
}

}  // namespace

Result<void> DirectoryStore::set(std::string_view key, ByteSpan value) {
    CS_RETURN_IF_ERROR(validate_key(key));
    const std::string name(last_segment(key));
    const std::string path = path_of(key);
    if (is_temporary_name(name)) {
        return fail(ErrorCode::InvalidArgument,
                    path +
                        ": names of the form \".<name>.cs-tmp.<n>\" are reserved for "
                        "DirectoryStore's temporary files");
    }
    CS_ASSIGN_OR_RETURN(UniqueFd dir, open_parent(*this, key, /*create=*/true));
    const std::string temp = temporary_name(name);
    UniqueFd file(::openat(dir.get(), temp.c_str(),
                           O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (!file.valid()) {
        return fail(posix::io_error(path, "cannot create a temporary file to write", errno));
    }
    // From here on, every failure removes the temporary: no torn or stray file remains.
    auto discard = [&](Error error) {
        file.reset();
        ::unlinkat(dir.get(), temp.c_str(), 0);
        return fail(std::move(error));
    };
    if (auto written = posix::write_all(file.get(), value, path); !written) {
        return discard(written.error());
    }
    if (file.close() != 0) return discard(posix::io_error(path, "cannot write", errno));
    if (::renameat(dir.get(), temp.c_str(), dir.get(), name.c_str()) != 0) {
        const int err = errno;
        if (err == EISDIR || err == ENOTEMPTY || err == EEXIST) {
            return discard(
                Error{ErrorCode::Io, path + ": is a folder, cannot replace it with a value"});
        }
        return discard(posix::io_error(path, "cannot rename the temporary file into place", err));
    }
    return {};
}

Result<void> DirectoryStore::erase(std::string_view key) {
    CS_RETURN_IF_ERROR(validate_key(key));
    const std::string path = path_of(key);
    CS_ASSIGN_OR_RETURN(UniqueFd dir, open_parent(*this, key, /*create=*/false));
    if (!dir.valid()) return {};
    const std::string name(last_segment(key));
    if (::unlinkat(dir.get(), name.c_str(), 0) != 0) {
        if (is_absent_errno(errno)) return {};
        // A folder is not a value, so there is nothing to erase (never a recursive delete).
        if (errno == EISDIR) return {};
        return fail(posix::io_error(path, "cannot remove", errno));
    }
    return {};
}

}  // namespace cs
