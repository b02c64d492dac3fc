// One HDF5 dataset as a ChunkedArray. Chunked datasets are read raw with H5Dread_chunk under the
// lock and decoded by our own filter pipeline on any thread. Contiguous, compact and virtual
// datasets (and chunked ones with a filter we do not decode) are read with H5Dread under the
// lock, one hyperslab per chunk; the former are cut into virtual chunks so the engine can still
// spread the work that follows the read.
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/array/chunked_array.h"
#include "core/hdf5/hdf5_file.h"
#include "core/hdf5/hdf5_filters.h"
#include "core/hdf5/hdf5_lock.h"
#include "core/hdf5/hdf5_netcdf.h"

namespace cs {

enum class Hdf5Layout { Compact, Contiguous, Chunked, Virtual };
const char* to_string(Hdf5Layout layout);

class Hdf5Array final : public ChunkedArray {
public:
    static constexpr std::uint64_t kUnlimited = ~std::uint64_t{0};
    // Contiguous data is cut into virtual chunks of about this many bytes.
    static constexpr std::uint64_t kVirtualChunkBytes = std::uint64_t{1} << 20;

    // Opens `dataset_path` ("a/b" or "/a/b") in `file`. Takes the lock itself.
    static Result<std::unique_ptr<Hdf5Array>> open(std::shared_ptr<Hdf5File> file,
                                                   const std::string& dataset_path,
                                                   bool writable = false);
    ~Hdf5Array() override;

    const ArrayMeta& meta() const override { return meta_; }
    std::string describe() const override { return describe_; }
    std::vector<InfoField> info() const override;

    Result<std::optional<Bytes>> read_stored_chunk(std::span<const std::uint64_t> coords,
                                                   ReadStats* stats = nullptr) const override;
    Result<Bytes> decode_chunk(std::span<const std::uint64_t> coords, Bytes stored) const override;
    Result<std::vector<ChunkStorage>> chunk_storage() const override;

    bool writable() const override { return writable_; }
    Result<Bytes> encode_chunk(std::span<const std::uint64_t> coords,
                               ByteSpan elements) const override;
    Result<void> write_stored_chunk(std::span<const std::uint64_t> coords,
                                    ByteSpan stored) override;

    Hdf5Layout layout() const { return layout_; }
    const Shape& max_shape() const { return max_shape_; }  // kUnlimited for unlimited axes
    const Hdf5FilterPipeline& pipeline() const { return pipeline_; }
    // True when chunks are read raw and decoded by chunkscope (the fast path).
    bool direct_chunk_reads() const { return direct_; }
    NetcdfRole netcdf_role() const { return role_; }
    const std::string& type_description() const { return type_description_; }
    // Bytes the dataset occupies in the file (H5Dget_storage_size). Takes the lock.
    std::uint64_t storage_size() const;

private:
    Hdf5Array() = default;
    Result<void> check_coords(std::span<const std::uint64_t> coords) const;
    std::string chunk_context(std::span<const std::uint64_t> coords) const;
    Result<std::optional<Bytes>> read_raw_chunk(std::span<const std::uint64_t> coords,
                                                ReadStats* stats) const;
    Result<std::optional<Bytes>> read_hyperslab(std::span<const std::uint64_t> coords,
                                                ReadStats* stats) const;
    // The chunk's in-array part from `block` (extent-shaped), fill elsewhere.
    Bytes pad_to_chunk(std::span<const std::uint64_t> coords, const Bytes& block) const;

    std::shared_ptr<Hdf5File> file_;  // declared first: outlives the dataset handle
    Hdf5Ptr<H5::DataSet> dataset_;
    Hdf5Ptr<H5::DataType> file_type_;
    std::string path_;      // "/a/b"
    std::string describe_;  // "data/run.h5/a/b"
    ArrayMeta meta_;
    Shape max_shape_;
    Hdf5Layout layout_ = Hdf5Layout::Contiguous;
    Hdf5FilterPipeline pipeline_;
    bool direct_ = false;
    bool writable_ = false;
    NetcdfRole role_ = NetcdfRole::Variable;
    std::string type_description_;

    // Chunks whose stored filter mask is not 0, recorded by read_stored_chunk() so that
    // decode_chunk() (which sees only bytes) skips the same filters.
    mutable std::mutex masks_mutex_;
    mutable std::unordered_map<std::uint64_t, std::uint32_t> masks_;
};

}  // namespace cs
