#include "core/hdf5/hdf5_dataset.h"

#include <algorithm>
#include <cstring>

#include "core/hdf5/hdf5_attributes.h"
#include "core/hdf5/hdf5_error.h"
#include "core/hdf5/hdf5_types.h"

namespace cs {

const char* to_string(Hdf5Layout layout) {
    switch (layout) {
        case Hdf5Layout::Compact:
            return "compact";
        case Hdf5Layout::Contiguous:
            return "contiguous";
        case Hdf5Layout::Chunked:
            return "chunked";
        case Hdf5Layout::Virtual:
            return "virtual";
    }
    return "unknown";
}

namespace {

std::string absolute(const std::string& path) {
    return path.empty() || path[0] != '/' ? "/" + path : path;
}

std::string braces(const std::vector<std::string>& items) {
    std::string s = "{";
    for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
    return s + "}";
}

// Virtual chunks for data without a chunk layout: whole inner rows, about `target` bytes each.
Shape virtual_chunk_shape(const Shape& shape, std::size_t itemsize, std::uint64_t target) {
    Shape chunk(shape.size(), 1);
    std::uint64_t inner = itemsize ? itemsize : 1;
    for (std::size_t i = shape.size(); i-- > 0;) {
        const std::uint64_t extent = std::max<std::uint64_t>(shape[i], 1);
        if (inner * extent <= target) {
            chunk[i] = extent;
            inner *= extent;
        } else {
            chunk[i] = std::max<std::uint64_t>(1, target / inner);
            break;
        }
    }
    return chunk;
}

std::string format_ratio(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", v);
    return text;
}

}  // namespace

Hdf5Array::~Hdf5Array() = default;

Result<std::unique_ptr<Hdf5Array>> Hdf5Array::open(std::shared_ptr<Hdf5File> file,
                                                   const std::string& dataset_path, bool writable) {
    std::unique_ptr<Hdf5Array> array(new Hdf5Array());
    array->file_ = std::move(file);
    array->path_ = absolute(dataset_path);
    array->describe_ = array->file_->path + array->path_;
    array->writable_ = writable;
    Hdf5LockGuard lock;
    hdf5_silence_errors();
    return hdf5_try(array->describe_, [&]() -> Result<std::unique_ptr<Hdf5Array>> {
        Hdf5Array& a = *array;
        if (H5Lexists(a.file_->h5.getId(), a.path_.c_str(), H5P_DEFAULT) <= 0 ||
            H5Oexists_by_name(a.file_->h5.getId(), a.path_.c_str(), H5P_DEFAULT) <= 0) {
            H5Eclear2(H5E_DEFAULT);
            return fail(ErrorCode::NotFound, a.describe_ + ": no such dataset");
        }
        H5O_info_t oinfo;
        if (H5Oget_info_by_name(a.file_->h5.getId(), a.path_.c_str(), &oinfo, H5P_DEFAULT) < 0)
            return std::unexpected(
                hdf5_error(ErrorCode::Corrupt, a.describe_, "cannot read object header"));
        if (oinfo.type != H5O_TYPE_DATASET)
            return fail(ErrorCode::InvalidArgument, a.describe_ + ": is not a dataset");
        a.dataset_.reset(new H5::DataSet(a.file_->h5.openDataSet(a.path_)));
        const hid_t id = a.dataset_->getId();
        a.file_type_.reset(new H5::DataType(a.dataset_->getDataType()));
        a.type_description_ = describe_hdf5_type(a.file_type_->getId());
        CS_ASSIGN_OR_RETURN(a.meta_.dtype, dtype_from_hdf5(a.file_type_->getId(), a.describe_));

        const H5::DataSpace space = a.dataset_->getSpace();
        if (space.getSimpleExtentType() == H5S_NULL)
            return fail(ErrorCode::Unsupported,
                        a.describe_ + ": dataset has a null dataspace (no elements)");
        const int rank = space.getSimpleExtentNdims();
        std::vector<hsize_t> dims(static_cast<std::size_t>(rank)),
            maxdims(static_cast<std::size_t>(rank));
        if (rank > 0) space.getSimpleExtentDims(dims.data(), maxdims.data());
        a.meta_.grid.shape.assign(dims.begin(), dims.end());
        for (hsize_t m : maxdims) a.max_shape_.push_back(m == H5S_UNLIMITED ? kUnlimited : m);

        const H5::DSetCreatPropList dcpl = a.dataset_->getCreatePlist();
        switch (dcpl.getLayout()) {
            case H5D_COMPACT:
                a.layout_ = Hdf5Layout::Compact;
                break;
            case H5D_CHUNKED:
                a.layout_ = Hdf5Layout::Chunked;
                break;
            case H5D_VIRTUAL:
                a.layout_ = Hdf5Layout::Virtual;
                break;
            default:
                a.layout_ = Hdf5Layout::Contiguous;
                break;
        }
        if (a.layout_ == Hdf5Layout::Chunked) {
            std::vector<hsize_t> chunk(static_cast<std::size_t>(rank));
            dcpl.getChunk(rank, chunk.data());
            a.meta_.grid.chunk_shape.assign(chunk.begin(), chunk.end());
        } else {
            a.meta_.grid.chunk_shape =
                virtual_chunk_shape(a.meta_.grid.shape, a.meta_.dtype.itemsize, kVirtualChunkBytes);
        }

        CS_ASSIGN_OR_RETURN(std::vector<Hdf5Filter> filters,
                            read_filter_pipeline(dcpl.getId(), a.describe_));
        a.pipeline_ = Hdf5FilterPipeline(std::move(filters), a.meta_.dtype.itemsize);
        a.direct_ = a.layout_ == Hdf5Layout::Chunked && a.pipeline_.decodable();
        for (const auto& f : a.pipeline_.filters()) a.meta_.codecs.push_back(f.to_json());

        H5D_fill_value_t fill_status = H5D_FILL_VALUE_UNDEFINED;
        if (H5Pfill_value_defined(dcpl.getId(), &fill_status) >= 0 &&
            fill_status != H5D_FILL_VALUE_UNDEFINED) {
            Bytes fill(a.meta_.dtype.itemsize);
            if (H5Pget_fill_value(dcpl.getId(), a.file_type_->getId(), fill.data()) >= 0)
                a.meta_.fill_value = std::move(fill);
        }
        H5Eclear2(H5E_DEFAULT);

        a.role_ = cs::netcdf_role(id);
        a.meta_.dimension_names = netcdf_dimension_names(id, rank);
        CS_ASSIGN_OR_RETURN(
            a.meta_.attributes,
            read_hdf5_attributes(id, a.describe_, is_netcdf4_file(a.file_->h5.getId())));
        return std::move(array);
    });
}

std::uint64_t Hdf5Array::storage_size() const {
    Hdf5LockGuard lock;
    return H5Dget_storage_size(dataset_->getId());
}

std::vector<InfoField> Hdf5Array::info() const {
    std::vector<InfoField> out;
    const ArrayMeta& m = meta_;
    out.push_back({"Location", describe_});
    out.push_back({"Type", type_description_ + " (" + m.dtype.display_name() + ")"});
    std::vector<std::string> dims;
    for (std::size_t i = 0; i < m.grid.rank(); ++i)
        dims.push_back(std::to_string(m.grid.shape[i]) + "/" +
                       (max_shape_[i] == kUnlimited ? "Inf" : std::to_string(max_shape_[i])));
    out.push_back({"Dataspace", m.grid.rank() ? braces(dims) : "scalar"});
    if (!m.dimension_names.empty()) out.push_back({"Dimensions", braces(m.dimension_names)});
    if (role_ == NetcdfRole::CoordinateVariable)
        out.push_back({"NetCDF role", "coordinate variable"});
    if (role_ == NetcdfRole::DimensionOnly)
        out.push_back({"NetCDF role", "dimension without a variable"});
    out.push_back({"Layout", to_string(layout_)});
    std::vector<std::string> chunk;
    for (auto c : m.grid.chunk_shape) chunk.push_back(std::to_string(c));
    out.push_back({layout_ == Hdf5Layout::Chunked ? "Chunks" : "Virtual chunks",
                   braces(chunk) + " " + std::to_string(m.chunk_nbytes()) + " bytes"});
    for (std::size_t i = 0; i < pipeline_.filters().size(); ++i)
        out.push_back({"Filter-" + std::to_string(i), pipeline_.filters()[i].describe()});
    std::string fill = "undefined";
    if (m.fill_value) {
        Hdf5LockGuard lock;
        fill = write_json(hdf5_element_to_json(m.fill_value->data(), file_type_->getId()));
    }
    out.push_back({"Fill value", fill});
    const std::uint64_t stored = storage_size();
    const std::uint64_t logical = m.nbytes();
    std::string storage =
        std::to_string(logical) + " logical bytes, " + std::to_string(stored) + " allocated bytes";
    if (stored)
        storage += ", " + format_ratio(100.0 * double(logical) / double(stored)) + "% utilization";
    out.push_back({"Storage", storage});
    out.push_back({"Ratio", stored ? format_ratio(double(logical) / double(stored)) : "n/a"});
    if (layout_ == Hdf5Layout::Chunked) {
        Hdf5LockGuard lock;
        hsize_t allocated = 0;
        const hid_t space = H5Dget_space(dataset_->getId());
        if (H5Dget_num_chunks(dataset_->getId(), space, &allocated) < 0) H5Eclear2(H5E_DEFAULT);
        H5Sclose(space);
        out.push_back({"Chunks allocated",
                       std::to_string(allocated) + " of " + std::to_string(m.grid.num_chunks())});
    }
    std::string path =
        direct_ ? "H5Dread_chunk under the lock, decoded in parallel" : "H5Dread under the lock";
    if (!direct_ && layout_ == Hdf5Layout::Chunked)
        path += " (filter " + pipeline_.first_undecodable()->describe() + " is decoded by HDF5)";
    out.push_back({"Read path", path});
    out.push_back({"Attributes", std::to_string(m.attributes.size())});
    return out;
}

Result<void> Hdf5Array::check_coords(std::span<const std::uint64_t> coords) const {
    const Shape grid = meta_.grid.grid_shape();
    bool ok = coords.size() == grid.size();
    for (std::size_t i = 0; ok && i < coords.size(); ++i) ok = coords[i] < grid[i];
    if (!ok)
        return fail(ErrorCode::InvalidArgument, chunk_context(coords) + ": outside the chunk grid");
    return {};
}

std::string Hdf5Array::chunk_context(std::span<const std::uint64_t> coords) const {
    std::string s = describe_ + ": chunk (";
    for (std::size_t i = 0; i < coords.size(); ++i)
        s += (i ? ", " : "") + std::to_string(coords[i]);
    return s + ")";
}

Result<std::optional<Bytes>> Hdf5Array::read_stored_chunk(std::span<const std::uint64_t> coords,
                                                          ReadStats* stats) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    return direct_ ? read_raw_chunk(coords, stats) : read_hyperslab(coords, stats);
}

namespace {

// Whether the chunk at `offset` has storage. H5Dget_chunk_info_by_coord walks the whole chunk
// index in HDF5 1.10, so it is asked only after the fast lookup failed. Caller holds the lock.
bool chunk_is_allocated(hid_t dataset, const hsize_t* offset) {
    unsigned mask = 0;
    haddr_t address = HADDR_UNDEF;
    hsize_t size = 0;
    if (H5Dget_chunk_info_by_coord(dataset, offset, &mask, &address, &size) < 0) {
        H5Eclear2(H5E_DEFAULT);
        return true;  // cannot tell: let the caller report the failed lookup
    }
    return address != HADDR_UNDEF && size > 0;
}

}  // namespace

Result<std::optional<Bytes>> Hdf5Array::read_raw_chunk(std::span<const std::uint64_t> coords,
                                                       ReadStats* stats) const {
    const Shape origin = meta_.grid.origin(coords);
    std::vector<hsize_t> offset(origin.begin(), origin.end());
    const std::string context = chunk_context(coords);
    std::uint32_t mask = 0;
    Hdf5LockGuard lock(stats);
    auto raw = hdf5_try(context, [&]() -> Result<std::optional<Bytes>> {
        const hid_t id = dataset_->getId();
        // Not H5Dget_chunk_info_by_coord: in HDF5 1.10 it walks the whole chunk index on every
        // call, which made reading every chunk quadratic (10% of an allele_h5 run's CPU at 6,000
        // chunks, all of it under the library lock). This lookup is a B-tree search.
        // It fails for a chunk never written; only then ask the slow call whether it exists.
        hsize_t size = 0;
        if (H5Dget_chunk_storage_size(id, offset.data(), &size) < 0) {
            H5Eclear2(H5E_DEFAULT);
            if (!chunk_is_allocated(id, offset.data())) return std::optional<Bytes>();
            return std::unexpected(
                hdf5_error(ErrorCode::Corrupt, context, "cannot look up the chunk"));
        }
        if (size == 0) return std::optional<Bytes>();
        Bytes stored(size);
        if (H5Dread_chunk(id, H5P_DEFAULT, offset.data(), &mask, stored.data()) < 0)
            return std::unexpected(hdf5_error(ErrorCode::Io, context, "H5Dread_chunk failed"));
        if (stats) stats->stored_bytes += size;
        return std::optional<Bytes>(std::move(stored));
    });
    if (raw && *raw) {
        std::lock_guard<std::mutex> guard(masks_mutex_);
        const std::uint64_t linear = meta_.grid.linear_of(coords);
        if (mask)
            masks_[linear] = mask;
        else
            masks_.erase(linear);
    }
    return raw;
}

Result<std::optional<Bytes>> Hdf5Array::read_hyperslab(std::span<const std::uint64_t> coords,
                                                       ReadStats* stats) const {
    const Shape origin = meta_.grid.origin(coords);
    const Shape extent = meta_.grid.extent(coords);
    std::vector<hsize_t> start(origin.begin(), origin.end()), count(extent.begin(), extent.end());
    std::uint64_t elements = 1;
    for (auto e : extent) elements *= e;
    const std::string context = chunk_context(coords);
    Hdf5LockGuard lock(stats);
    return hdf5_try(context, [&]() -> Result<std::optional<Bytes>> {
        const hid_t id = dataset_->getId();
        if (layout_ == Hdf5Layout::Chunked) {
            hsize_t size = 0;  // a B-tree search, see read_raw_chunk
            if (H5Dget_chunk_storage_size(id, start.data(), &size) < 0) {
                H5Eclear2(H5E_DEFAULT);
                if (!chunk_is_allocated(id, start.data())) return std::optional<Bytes>();
                return std::unexpected(
                    hdf5_error(ErrorCode::Corrupt, context, "cannot look up the chunk"));
            }
            if (size == 0) return std::optional<Bytes>();
            if (stats) stats->stored_bytes += size;
        } else if (stats) {
            stats->stored_bytes += elements * meta_.dtype.itemsize;
        }
        Bytes block(elements * meta_.dtype.itemsize);
        if (elements == 0) return std::optional<Bytes>(std::move(block));
        hid_t file_space = H5Dget_space(id);
        hid_t mem_space = H5S_ALL;
        if (!start.empty()) {
            H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(),
                                nullptr);
            mem_space = H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr);
        }
        const herr_t status =
            H5Dread(id, file_type_->getId(), mem_space, file_space, H5P_DEFAULT, block.data());
        // Read the error stack before the closes: every HDF5 API call starts by clearing it.
        std::optional<Error> error;
        if (status < 0) error = hdf5_error(ErrorCode::Io, context, "H5Dread failed");
        if (mem_space != H5S_ALL) H5Sclose(mem_space);
        H5Sclose(file_space);
        if (error) return std::unexpected(std::move(*error));
        return std::optional<Bytes>(std::move(block));
    });
}

Bytes Hdf5Array::pad_to_chunk(std::span<const std::uint64_t> coords, const Bytes& block) const {
    const Shape extent = meta_.grid.extent(coords);
    const Shape& chunk = meta_.grid.chunk_shape;
    if (extent == chunk) return block;
    Bytes out = fill_chunk();
    const std::size_t rank = chunk.size();
    const std::size_t item = meta_.dtype.itemsize;
    for (auto e : extent)
        if (e == 0) return out;
    // Copy the block's runs into the full-size chunk. The axes after the last short one are
    // whole in both, so a run spans them and that axis's extent (as in PastExtentFill below).
    std::size_t last_short = rank - 1;
    while (extent[last_short] == chunk[last_short]) --last_short;
    std::size_t row = item;
    for (std::size_t k = last_short; k < rank; ++k) row *= extent[k];
    std::vector<std::uint64_t> index(rank, 0);
    std::size_t src = 0;
    while (true) {
        std::uint64_t dst = 0;
        for (std::size_t i = 0; i < rank; ++i) dst = dst * chunk[i] + index[i];
        std::memcpy(out.data() + dst * item, block.data() + src, row);
        src += row;
        std::size_t axis = last_short;
        while (axis-- > 0) {
            if (++index[axis] < extent[axis]) break;
            index[axis] = 0;
        }
        if (axis == static_cast<std::size_t>(-1)) break;
    }
    return out;
}

namespace {

// Writes the fill value over the elements of a whole chunk (C order) that lie past the array's
// end, in place. Per axis the part past the extent is one run; the axes after the last partial
// one are whole, so the walk stops above them. An HDF5 allele edge chunk of (6553, 5 of 10, 2)
// is 6,553 runs of 10 bytes, where copying its in-array part into a chunk of fill went row by
// row of the last axis (32,765 copies of 2 bytes): 1.9% of allele_h5's CPU for its 153 edge
// chunks.
class PastExtentFill {
public:
    PastExtentFill(const ArrayMeta& meta, const Shape& extent)
        : chunk_(meta.grid.chunk_shape), extent_(extent), item_(meta.dtype.itemsize) {
        const std::size_t rank = chunk_.size();
        stride_.assign(rank, item_);
        for (std::size_t k = rank; k-- > 1;) stride_[k - 1] = stride_[k] * chunk_[k];
        last_partial_ = rank;
        for (std::size_t k = 0; k < rank; ++k)
            if (extent_[k] < chunk_[k]) last_partial_ = k;
        fill_.assign(item_, 0);
        if (meta.fill_value)
            std::memcpy(fill_.data(), meta.fill_value->data(),
                        std::min(item_, meta.fill_value->size()));
        one_byte_ =
            std::all_of(fill_.begin(), fill_.end(), [&](std::uint8_t b) { return b == fill_[0]; });
    }

    void apply(std::uint8_t* chunk) const {
        if (last_partial_ < chunk_.size()) fill_from(chunk, 0);
    }

private:
    void fill_from(std::uint8_t* block, std::size_t axis) const {
        fill_run(block + extent_[axis] * stride_[axis],
                 (chunk_[axis] - extent_[axis]) * stride_[axis]);
        if (axis == last_partial_) return;
        for (std::uint64_t i = 0; i < extent_[axis]; ++i)
            fill_from(block + i * stride_[axis], axis + 1);
    }

    void fill_run(std::uint8_t* at, std::size_t bytes) const {
        if (one_byte_) {
            std::memset(at, fill_[0], bytes);
            return;
        }
        for (std::size_t done = 0; done < bytes; done += item_)
            std::memcpy(at + done, fill_.data(), item_);
    }

    const Shape& chunk_;
    const Shape& extent_;
    std::size_t item_;
    std::vector<std::uint64_t> stride_;  // bytes from one index of an axis to the next
    std::size_t last_partial_;           // the last axis whose extent is short of the chunk's
    Bytes fill_;                         // one element of fill value
    bool one_byte_ = false;              // every byte of fill_ the same: memset
};

}  // namespace

Result<Bytes> Hdf5Array::decode_chunk(std::span<const std::uint64_t> coords, Bytes stored) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    if (!direct_) {
        const Shape extent = meta_.grid.extent(coords);
        std::uint64_t elements = 1;
        for (auto e : extent) elements *= e;
        if (stored.size() != elements * meta_.dtype.itemsize)
            return fail(ErrorCode::InvalidArgument,
                        chunk_context(coords) + ": " + std::to_string(stored.size()) +
                            " bytes read, expected " +
                            std::to_string(elements * meta_.dtype.itemsize));
        return pad_to_chunk(coords, stored);
    }
    std::uint32_t mask = 0;
    {
        std::lock_guard<std::mutex> guard(masks_mutex_);
        const auto it = masks_.find(meta_.grid.linear_of(coords));
        if (it != masks_.end()) mask = it->second;
    }
    auto decoded = pipeline_.decode(std::move(stored), mask, meta_.chunk_nbytes());
    if (!decoded) return fail(decoded.error().with_context(chunk_context(coords)));
    // HDF5 stores edge chunks whole, with whatever the writer left past the array's end; the
    // contract is fill value there, so both read paths give the same bytes.
    const Shape extent = meta_.grid.extent(coords);
    if (extent != meta_.grid.chunk_shape) PastExtentFill(meta_, extent).apply(decoded->data());
    return decoded;
}

// Up to this many chunks, chunk_storage() gives each chunk's address and filter mask. HDF5 1.10
// has no call that lists the chunk index: H5Dget_chunk_info_by_coord walks the index up to the
// chunk on every call, so listing n chunks costs n^2 / 2 steps (0.23 s at 5,929 chunks, some
// 66 s at 100,000, all under the library lock that every other HDF5 read waits on). Past it,
// presence and stored size come from H5Dget_chunk_storage_size, a B-tree search (4 ms at 5,929).
constexpr std::uint64_t kLocatedChunksLimit = 10'000;

Result<std::vector<ChunkStorage>> Hdf5Array::chunk_storage() const {
    std::vector<ChunkStorage> out;
    const std::uint64_t n = meta_.grid.num_chunks();
    const bool locate = n <= kLocatedChunksLimit;
    out.reserve(n);
    Hdf5LockGuard lock;
    return hdf5_try(describe_, [&]() -> Result<std::vector<ChunkStorage>> {
        const hid_t id = dataset_->getId();
        const haddr_t base = layout_ == Hdf5Layout::Contiguous ? H5Dget_offset(id) : HADDR_UNDEF;
        H5Eclear2(H5E_DEFAULT);
        const std::uint64_t stored_total = H5Dget_storage_size(id);
        for (std::uint64_t i = 0; i < n; ++i) {
            ChunkStorage c;
            c.coords = meta_.grid.coords_of(i);
            const Shape origin = meta_.grid.origin(c.coords);
            std::vector<hsize_t> offset(origin.begin(), origin.end());
            if (layout_ == Hdf5Layout::Chunked && !locate) {
                hsize_t size = 0;
                // It fails for a chunk never written (see read_raw_chunk): absent here; a
                // damaged index shows when the chunk is read.
                if (H5Dget_chunk_storage_size(id, offset.data(), &size) < 0) {
                    H5Eclear2(H5E_DEFAULT);
                    size = 0;
                }
                c.present = size > 0;
                c.stored_bytes = size;
                c.located = false;
            } else if (layout_ == Hdf5Layout::Chunked) {
                unsigned mask = 0;
                haddr_t address = HADDR_UNDEF;
                hsize_t size = 0;
                if (H5Dget_chunk_info_by_coord(id, offset.data(), &mask, &address, &size) < 0)
                    return std::unexpected(hdf5_error(ErrorCode::Corrupt, chunk_context(c.coords),
                                                      "cannot look up the chunk"));
                c.present = address != HADDR_UNDEF;
                c.stored_bytes = c.present ? size : 0;
                c.file_offset = c.present ? address : 0;
                c.filter_mask = mask;
            } else {
                // Unchunked data: a virtual chunk is the raw bytes of its part of the array.
                std::uint64_t elements = 1;
                for (auto e : meta_.grid.extent(c.coords)) elements *= e;
                c.present = stored_total > 0;
                c.stored_bytes = c.present ? elements * meta_.dtype.itemsize : 0;
                if (base != HADDR_UNDEF && c.present) {
                    std::uint64_t linear = 0;
                    for (std::size_t a = 0; a < origin.size(); ++a)
                        linear = linear * meta_.grid.shape[a] + origin[a];
                    c.file_offset = base + linear * meta_.dtype.itemsize;
                }
            }
            out.push_back(std::move(c));
        }
        return std::move(out);
    });
}

Result<Bytes> Hdf5Array::encode_chunk(std::span<const std::uint64_t> coords,
                                      ByteSpan elements) const {
    if (!writable_) return ChunkedArray::encode_chunk(coords, elements);
    CS_RETURN_IF_ERROR(check_coords(coords));
    if (elements.size() != meta_.chunk_nbytes())
        return fail(ErrorCode::InvalidArgument,
                    chunk_context(coords) + ": " + std::to_string(elements.size()) +
                        " bytes given, a chunk holds " + std::to_string(meta_.chunk_nbytes()));
    auto encoded = pipeline_.encode(elements);
    if (!encoded) return fail(encoded.error().with_context(chunk_context(coords)));
    return encoded;
}

Result<void> Hdf5Array::write_stored_chunk(std::span<const std::uint64_t> coords, ByteSpan stored) {
    if (!writable_) return ChunkedArray::write_stored_chunk(coords, stored);
    CS_RETURN_IF_ERROR(check_coords(coords));
    const Shape origin = meta_.grid.origin(coords);
    std::vector<hsize_t> offset(origin.begin(), origin.end());
    const std::string context = chunk_context(coords);
    Hdf5LockGuard lock;
    return hdf5_try(context, [&]() -> Result<void> {
        if (H5Dwrite_chunk(dataset_->getId(), H5P_DEFAULT, 0, offset.data(), stored.size(),
                           stored.data()) < 0)
            return std::unexpected(hdf5_error(ErrorCode::Io, context, "H5Dwrite_chunk failed"));
        return {};
    });
}

}  // namespace cs
