// A store whose keys are files under a root folder: "g/arr/0.0" is <root>/g/arr/0.0, as
// zarr-python's DirectoryStore lays it out.
//
// Writes are atomic: set() writes a temporary ".<name>.cs-tmp.<pid>.<n>" beside the target and
// renames it over the target, so a reader (or a crash) sees the old file or the new one, never a
// torn one; listings skip the temporaries. Files are not fsync'ed: atomic against readers and a
// crashed writer, not against power loss. Every call is safe from many threads at once (the store
// holds no mutable state besides a counter).
//
// A folder is a prefix of keys, not a value: get/size/exists on it find nothing, erase leaves it
// alone. A missing file, or a "parent" that is a file ("z/x" with "z" a value), reads as absent;
// every other failure (permissions, a FIFO or symlink loop where a value should be) is an Io error
// naming the file.
//
// Keys are validated on every call, so no key reaches outside the root. Writes and erases also
// walk the folders below the root with O_NOFOLLOW, so a symlink inside the store cannot redirect
// a write outside it either; reads do follow symlinks (a store may link in data from elsewhere).
#pragma once

#include <string>

#include "core/store/store.h"

namespace cs {

class DirectoryStore final : public Store {
public:
    // `root` need not exist yet: reads find nothing and the first set() creates it.
    explicit DirectoryStore(std::string root);

    Result<std::optional<Bytes>> get(std::string_view key) const override;
    Result<std::optional<Bytes>> get_range(std::string_view key, std::uint64_t offset,
                                           std::uint64_t length) const override;
    Result<void> set(std::string_view key, ByteSpan value) override;
    Result<void> erase(std::string_view key) override;
    Result<std::vector<std::string>> list_prefix(std::string_view prefix) const override;
    Result<std::vector<std::string>> list_dir(std::string_view prefix) const override;
    Result<std::optional<std::uint64_t>> size(std::string_view key) const override;

    std::string type_name() const override { return "DirectoryStore"; }
    std::string location() const override { return root_; }

    const std::string& root() const { return root_; }
    // The file that holds `key` (the key is not validated here).
    std::string path_of(std::string_view key) const;
    // True for the names set() gives its temporaries.
    static bool is_temporary_name(std::string_view name);

private:
    std::string root_;
};

}  // namespace cs
