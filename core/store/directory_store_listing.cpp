// DirectoryStore's listings: readdir over the folders under the root. Temporaries are skipped.
// list_prefix does not descend into symlinked folders (a link to an ancestor would loop forever);
// list_dir does name them, and get() reads through them.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "core/store/directory_store.h"
#include "core/store/key_prefix.h"
#include "core/store/posix_io.h"

namespace cs {

namespace {

struct DirCloser {
    void operator()(DIR* d) const { ::closedir(d); }
};
using DirHandle = std::unique_ptr<DIR, DirCloser>;

// A missing folder (or a value where a folder was asked for) lists as empty.
Result<DirHandle> open_folder(const std::string& path) {
    DirHandle dir(::opendir(path.c_str()));
    if (!dir) {
        if (errno == ENOENT || errno == ENOTDIR) return DirHandle();
        return fail(posix::io_error(path, "cannot list folder", errno));
    }
    return dir;
}

enum class EntryKind { File, Folder, Other };

// Symlinked files count as values; symlinked folders are not descended (see above).
EntryKind kind_of(DIR* dir, const dirent* entry) {
    const int fd = ::dirfd(dir);
    bool is_link = entry->d_type == DT_LNK;
    if (entry->d_type == DT_UNKNOWN) {  // some file systems do not fill d_type
        struct stat st {};
        if (::fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) return EntryKind::Other;
        if (S_ISLNK(st.st_mode)) {
            is_link = true;
        } else {
            return S_ISREG(st.st_mode)   ? EntryKind::File
                   : S_ISDIR(st.st_mode) ? EntryKind::Folder
                                         : EntryKind::Other;
        }
    }
    if (is_link) {
        struct stat st {};
        if (::fstatat(fd, entry->d_name, &st, 0) != 0) return EntryKind::Other;  // broken link
        return S_ISREG(st.st_mode) ? EntryKind::File : EntryKind::Other;
    }
    if (entry->d_type == DT_REG) return EntryKind::File;
    if (entry->d_type == DT_DIR) return EntryKind::Folder;
    return EntryKind::Other;
}

bool is_listed(std::string_view name) {
    return name != "." && name != ".." && !DirectoryStore::is_temporary_name(name);
}

// Appends every value under `folder` (whose key is `key_prefix`, "" for the root) to `out`.
// `partial` filters the names of this level only.
Result<void> walk(const std::string& folder, const std::string& key_prefix,
                  std::string_view partial, std::vector<std::string>& out) {
    CS_ASSIGN_OR_RETURN(DirHandle dir, open_folder(folder));
    if (!dir) return {};
    errno = 0;
    while (const dirent* entry = ::readdir(dir.get())) {
        const std::string_view name = entry->d_name;
        if (!is_listed(name) || !name.starts_with(partial)) continue;
        const std::string key =
            key_prefix.empty() ? std::string(name) : key_prefix + "/" + std::string(name);
        switch (kind_of(dir.get(), entry)) {
            case EntryKind::File:
                out.push_back(key);
                break;
            case EntryKind::Folder:
                CS_RETURN_IF_ERROR(walk(folder + "/" + std::string(name), key, "", out));
                break;
            case EntryKind::Other:
                break;
        }
        errno = 0;
    }
    if (errno != 0) return fail(posix::io_error(folder, "cannot list folder", errno));
    return {};
}

}  // namespace

Result<std::vector<std::string>> DirectoryStore::list_prefix(std::string_view prefix) const {
    CS_ASSIGN_OR_RETURN(SplitPrefix split, split_list_prefix(prefix));
    const std::string folder = split.folder.empty() ? root() : path_of(split.folder);
    std::vector<std::string> keys;
    CS_RETURN_IF_ERROR(walk(folder, split.folder, split.partial, keys));
    std::sort(keys.begin(), keys.end());
    return keys;
}

Result<std::vector<std::string>> DirectoryStore::list_dir(std::string_view prefix) const {
    CS_ASSIGN_OR_RETURN(std::string key, normalize_dir_prefix(prefix));
    const std::string folder = key.empty() ? root() : path_of(key);
    CS_ASSIGN_OR_RETURN(DirHandle dir, open_folder(folder));
    std::vector<std::string> names;
    if (!dir) return names;
    errno = 0;
    while (const dirent* entry = ::readdir(dir.get())) {
        if (is_listed(entry->d_name)) names.emplace_back(entry->d_name);
        errno = 0;
    }
    if (errno != 0) return fail(posix::io_error(folder, "cannot list folder", errno));
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace cs
