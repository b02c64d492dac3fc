// create_hdf5_dataset(): a chunked dataset as a copy target. The dataset is created with the
// same filters h5py would use (shuffle, then deflate), so h5py and h5dump read it like their own;
// the chunks themselves are encoded by Hdf5FilterPipeline::encode() and written raw.
#include <H5Cpp.h>

#include "core/hdf5/hdf5.h"
#include "core/hdf5/hdf5_dataset.h"
#include "core/hdf5/hdf5_error.h"
#include "core/hdf5/hdf5_file.h"
#include "core/hdf5/hdf5_lock.h"
#include "core/hdf5/hdf5_types.h"

namespace cs {

namespace {

Result<void> check_options(const std::string& where, const Hdf5CreateOptions& o) {
    if (o.shape.size() != o.chunk_shape.size())
        return fail(ErrorCode::InvalidArgument,
                    where + ": chunk shape rank " + std::to_string(o.chunk_shape.size()) +
                        " differs from shape rank " + std::to_string(o.shape.size()));
    if (o.shape.empty())
        return fail(ErrorCode::InvalidArgument,
                    where + ": a chunked dataset needs at least one axis");
    for (auto c : o.chunk_shape)
        if (c == 0)
            return fail(ErrorCode::InvalidArgument, where + ": chunk shape entries must be >= 1");
    if (o.gzip_level < -1 || o.gzip_level > 9)
        return fail(
            ErrorCode::InvalidArgument,
            where + ": gzip level " + std::to_string(o.gzip_level) + " is not in 0-9 (or -1)");
    if (o.fill_value && o.fill_value->size() != o.dtype.itemsize)
        return fail(ErrorCode::InvalidArgument,
                    where + ": fill value has " + std::to_string(o.fill_value->size()) +
                        " bytes, the dtype " + std::to_string(o.dtype.itemsize));
    return {};
}

}  // namespace

Result<std::unique_ptr<ChunkedArray>> create_hdf5_dataset(const std::string& file,
                                                          const std::string& dataset_path,
                                                          const Hdf5CreateOptions& options) {
    std::string path = dataset_path;
    while (!path.empty() && path.front() == '/') path.erase(path.begin());
    const std::string where = file + "/" + path;
    if (path.empty()) return fail(ErrorCode::InvalidArgument, where + ": dataset path is empty");
    CS_RETURN_IF_ERROR(check_options(where, options));
    CS_ASSIGN_OR_RETURN(auto h5file,
                        open_hdf5_file(file, options.truncate_file ? Hdf5OpenMode::Truncate
                                                                   : Hdf5OpenMode::ReadWrite));
    {
        Hdf5LockGuard lock;
        CS_RETURN_IF_ERROR(hdf5_try(where, [&]() -> Result<void> {
            const hid_t fid = h5file->h5.getId();
            const std::string abs = "/" + path;
            if (H5Lexists(fid, abs.c_str(), H5P_DEFAULT) > 0) {
                if (!options.replace_existing)
                    return fail(ErrorCode::InvalidArgument, where + ": dataset already exists");
                if (H5Ldelete(fid, abs.c_str(), H5P_DEFAULT) < 0)
                    return std::unexpected(
                        hdf5_error(ErrorCode::Io, where, "cannot replace the existing dataset"));
            }
            H5Eclear2(H5E_DEFAULT);
            CS_ASSIGN_OR_RETURN(H5::DataType type, hdf5_type_for(options.dtype, where));
            std::vector<hsize_t> dims(options.shape.begin(), options.shape.end());
            std::vector<hsize_t> chunk(options.chunk_shape.begin(), options.chunk_shape.end());
            // Chunked datasets may grow: every axis is unlimited, as a copy target may be extended.
            std::vector<hsize_t> maxdims(dims.size(), H5S_UNLIMITED);
            H5::DataSpace space(static_cast<int>(dims.size()), dims.data(), maxdims.data());
            H5::DSetCreatPropList dcpl;
            dcpl.setChunk(static_cast<int>(chunk.size()), chunk.data());
            if (options.shuffle) dcpl.setShuffle();
            if (options.gzip_level >= 0) dcpl.setDeflate(static_cast<unsigned>(options.gzip_level));
            if (options.fill_value) dcpl.setFillValue(type, options.fill_value->data());
            // Chunks are written whole with H5Dwrite_chunk; never pre-allocate or pre-fill them.
            dcpl.setAllocTime(H5D_ALLOC_TIME_INCR);
            dcpl.setFillTime(H5D_FILL_TIME_IFSET);
            H5::LinkCreatPropList lcpl;
            H5Pset_create_intermediate_group(lcpl.getId(), 1);
            const hid_t dset = H5Dcreate2(fid, abs.c_str(), type.getId(), space.getId(),
                                          lcpl.getId(), dcpl.getId(), H5P_DEFAULT);
            if (dset < 0)
                return std::unexpected(
                    hdf5_error(ErrorCode::Io, where, "cannot create the dataset"));
            H5Dclose(dset);
            return {};
        }));
    }
    CS_ASSIGN_OR_RETURN(auto array, Hdf5Array::open(h5file, path, /*writable=*/true));
    return std::unique_ptr<ChunkedArray>(std::move(array));
}

}  // namespace cs
