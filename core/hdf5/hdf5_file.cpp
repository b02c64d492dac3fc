#include "core/hdf5/hdf5_file.h"

#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/hdf5/hdf5.h"
#include "core/hdf5/hdf5_error.h"
#include "core/hdf5/hdf5_lock.h"

namespace cs {

bool looks_like_hdf5(const std::string& path) {
    static constexpr char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    // The superblock may follow a user block of 512, 1024, 2048, ... bytes.
    for (std::uint64_t offset = 0; offset < (std::uint64_t{1} << 30);
         offset = offset ? offset * 2 : 512) {
        char head[8] = {};
        in.seekg(static_cast<std::streamoff>(offset));
        if (!in.read(head, sizeof head)) return false;
        if (std::memcmp(head, kSignature, sizeof head) == 0) return true;
    }
    return false;
}

Result<std::shared_ptr<Hdf5File>> open_hdf5_file(const std::string& path, Hdf5OpenMode mode) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (mode == Hdf5OpenMode::ReadOnly) {
        if (!exists) return fail(ErrorCode::NotFound, path + ": no such file");
        if (std::filesystem::is_directory(path, ec))
            return fail(ErrorCode::InvalidArgument, path + ": is a directory, not an HDF5 file");
        if (!looks_like_hdf5(path))
            return fail(ErrorCode::Corrupt, path + ": not an HDF5 file (no HDF5 signature)");
    }
    Hdf5LockGuard lock;
    hdf5_silence_errors();
    return hdf5_try(path, [&]() -> Result<std::shared_ptr<Hdf5File>> {
        unsigned flags = H5F_ACC_RDONLY;
        if (mode == Hdf5OpenMode::Truncate || (mode == Hdf5OpenMode::ReadWrite && !exists))
            flags = H5F_ACC_TRUNC;
        else if (mode == Hdf5OpenMode::ReadWrite)
            flags = H5F_ACC_RDWR;
        auto file =
            make_hdf5_shared(new Hdf5File{path, H5::H5File(path, flags), flags != H5F_ACC_RDONLY});
        return file;
    });
}

}  // namespace cs
