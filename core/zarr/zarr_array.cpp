#include "core/zarr/zarr_array.h"

#include "core/codec/blosc_blocks.h"
#include "core/zarr/chunk_order.h"
#include "core/zarr/zarr_python_repr.h"

namespace cs {

namespace {

std::string join_key(const std::string& path, std::string_view name) {
    return path.empty() ? std::string(name) : path + "/" + std::string(name);
}

// A blosc chunk's blocks, one piece each.
class BloscChunkPieces final : public ChunkPieces {
public:
    BloscChunkPieces(const ZarrArray& array, std::span<const std::uint64_t> coords, Bytes stored)
        : array_(array), coords_(coords.begin(), coords.end()), stored_(std::move(stored)) {}
    // Reads the header; false (and the stored bytes given back) when c-blosc must decode it.
    bool open(Bytes& give_back) {
        decoder_ = BloscBlockDecoder::open(stored_);
        if (decoder_ && decoder_->decoded_size() == array_.meta().chunk_nbytes()) return true;
        give_back = std::move(stored_);
        return false;
    }
    std::size_t max_piece() const override { return decoder_->block_size(); }
    Result<std::size_t> next(std::uint8_t* out) override {
        if (next_ == decoder_->block_count()) return std::size_t{0};
        if (auto r = decoder_->decode_block(next_, out); !r)
            return fail(
                r.error().with_context(array_.store().describe_key(array_.chunk_key(coords_))));
        return decoder_->block_bytes(next_++);
    }

private:
    const ZarrArray& array_;
    std::vector<std::uint64_t> coords_;
    Bytes stored_;
    std::optional<BloscBlockDecoder> decoder_;
    std::size_t next_ = 0;
};

}  // namespace

ZarrArray::ZarrArray(std::shared_ptr<Store> store, std::string path, ZarrArrayMetadata zarr,
                     ZarrCodecPipeline pipeline, Json attributes)
    : store_(std::move(store)),
      path_(std::move(path)),
      zarr_(std::move(zarr)),
      pipeline_(std::move(pipeline)) {
    meta_.grid = ChunkGrid{zarr_.shape, zarr_.chunks};
    meta_.dtype = zarr_.dtype;
    meta_.order = zarr_.order;
    meta_.fill_value = zarr_.fill_bytes;
    meta_.attributes = std::move(attributes);
    meta_.codecs = Json::array();
    if (zarr_.filters.is_array()) {
        for (const auto& f : zarr_.filters.as_array()) meta_.codecs.push_back(f);
    }
    if (!zarr_.compressor.is_null()) meta_.codecs.push_back(zarr_.compressor);
}

std::string ZarrArray::key_of(const char* name) const {
    return join_key(path_, name);
}

Result<std::unique_ptr<ZarrArray>> ZarrArray::open(std::shared_ptr<Store> store, std::string path) {
    const std::string zarray_key = join_key(path, ".zarray");
    CS_ASSIGN_OR_RETURN(std::optional<Bytes> zarray, store->get(zarray_key));
    if (!zarray) {
        return fail(ErrorCode::NotFound,
                    store->describe_key(zarray_key) + ": no Zarr array here (missing .zarray)");
    }
    const std::string what = store->describe_key(zarray_key);
    CS_ASSIGN_OR_RETURN(Json doc, parse_json(as_string_view(*zarray), what));
    Json attributes = Json::object();
    const std::string zattrs_key = join_key(path, ".zattrs");
    CS_ASSIGN_OR_RETURN(std::optional<Bytes> zattrs, store->get(zattrs_key));
    if (zattrs) {
        CS_ASSIGN_OR_RETURN(attributes,
                            parse_json(as_string_view(*zattrs), store->describe_key(zattrs_key)));
    }
    return open_with(std::move(store), std::move(path), doc, std::move(attributes));
}

Result<std::unique_ptr<ZarrArray>> ZarrArray::open_with(std::shared_ptr<Store> store,
                                                        std::string path, const Json& zarray,
                                                        Json attributes) {
    const std::string what = store->describe_key(join_key(path, ".zarray"));
    CS_ASSIGN_OR_RETURN(ZarrArrayMetadata meta, zarray_from_json(zarray, what));
    CS_ASSIGN_OR_RETURN(ZarrCodecPipeline pipeline, ZarrCodecPipeline::create(meta, what));
    if (!attributes.is_object()) {
        return fail(ErrorCode::Corrupt, store->describe_key(join_key(path, ".zattrs")) +
                                            ": attributes must be a JSON object");
    }
    return std::unique_ptr<ZarrArray>(new ZarrArray(std::move(store), std::move(path),
                                                    std::move(meta), std::move(pipeline),
                                                    std::move(attributes)));
}

std::string ZarrArray::describe() const {
    return path_.empty() ? store_->location() : store_->describe_key(path_);
}

std::string ZarrArray::chunk_key(std::span<const std::uint64_t> coords) const {
    std::string name;
    if (coords.empty()) name = "0";  // a 0-d array's single chunk
    for (std::size_t i = 0; i < coords.size(); ++i) {
        if (i) name += zarr_.dimension_separator;
        name += std::to_string(coords[i]);
    }
    return join_key(path_, name);
}

Result<void> ZarrArray::check_coords(std::span<const std::uint64_t> coords) const {
    if (!meta_.grid.contains(coords)) {
        return fail(ErrorCode::InvalidArgument,
                    describe() + ": chunk " +
                        python_tuple_repr(Shape(coords.begin(), coords.end())) +
                        " is outside the chunk grid " + python_tuple_repr(meta_.grid.grid_shape()));
    }
    return {};
}

Result<std::optional<Bytes>> ZarrArray::read_stored_chunk(std::span<const std::uint64_t> coords,
                                                          ReadStats* stats) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    const std::string key = chunk_key(coords);
    std::optional<Bytes> stored;
    if (zarr_.compressor.is_null() && !zarr_.filters.is_array()) {
        // Uncompressed chunks have one valid size: a huge stray file is never loaded.
        CS_ASSIGN_OR_RETURN(stored, store_->get_limited(key, meta_.chunk_nbytes()));
        if (stored && stored->size() != meta_.chunk_nbytes()) {
            return fail(ErrorCode::Corrupt,
                        store_->describe_key(key) + ": uncompressed chunk holds " +
                            std::to_string(stored->size()) + " bytes, expected " +
                            std::to_string(meta_.chunk_nbytes()));
        }
    } else {
        CS_ASSIGN_OR_RETURN(stored, store_->get(key));
    }
    if (stats && stored) stats->stored_bytes += stored->size();
    return stored;
}

Result<Bytes> ZarrArray::decode_chunk(std::span<const std::uint64_t> coords, Bytes stored) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    auto decoded = pipeline_.decode(std::move(stored));
    if (!decoded)
        return fail(decoded.error().with_context(store_->describe_key(chunk_key(coords))));
    Bytes elements = std::move(*decoded);
    if (zarr_.order == 'F') return fortran_to_c_order(elements, zarr_.chunks, zarr_.dtype.itemsize);
    return elements;
}

std::unique_ptr<ChunkPieces> ZarrArray::open_pieces(std::span<const std::uint64_t> coords,
                                                    Bytes& stored) const {
    // Fortran-order chunks are transposed whole; a chunk outside the grid gets decode_chunk()'s
    // error.
    if (zarr_.order != 'C' || !pipeline_.blosc_only() || !check_coords(coords)) return nullptr;
    auto pieces = std::make_unique<BloscChunkPieces>(*this, coords, std::move(stored));
    if (!pieces->open(stored)) return nullptr;
    return pieces;
}

Result<Bytes> ZarrArray::encode_chunk(std::span<const std::uint64_t> coords,
                                      ByteSpan elements) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    const std::string what = store_->describe_key(chunk_key(coords));
    if (zarr_.order == 'F' && elements.size() == meta_.chunk_nbytes()) {
        const Bytes f = c_to_fortran_order(elements, zarr_.chunks, zarr_.dtype.itemsize);
        return pipeline_.encode(f, what);
    }
    return pipeline_.encode(elements, what);
}

Result<void> ZarrArray::write_stored_chunk(std::span<const std::uint64_t> coords, ByteSpan stored) {
    CS_RETURN_IF_ERROR(check_coords(coords));
    if (!writable()) return fail(ErrorCode::Unsupported, describe() + ": array is read-only");
    return store_->set(chunk_key(coords), stored);
}

Result<std::vector<ChunkStorage>> ZarrArray::chunk_storage() const {
    return storage_of_each_chunk(meta_.grid, [&](ChunkStorage& c) -> Result<void> {
        c.key = chunk_key(c.coords);
        CS_ASSIGN_OR_RETURN(std::optional<std::uint64_t> size, store_->size(c.key));
        c.present = size.has_value();
        c.stored_bytes = size.value_or(0);
        return {};
    });
}

std::vector<InfoField> ZarrArray::info() const {
    std::vector<InfoField> f;
    if (!path_.empty()) f.push_back({"Name", "/" + path_});  // zarr has no name for a root array
    f.push_back({"Type", "zarr.core.Array"});
    f.push_back({"Data type", numpy_dtype_str(zarr_.dtype)});
    f.push_back({"Shape", python_tuple_repr(zarr_.shape)});
    f.push_back({"Chunk shape", python_tuple_repr(zarr_.chunks)});
    f.push_back({"Order", std::string(1, zarr_.order)});
    f.push_back({"Read-only", writable() ? "False" : "True"});
    if (zarr_.filters.is_array()) {
        for (std::size_t i = 0; i < zarr_.filters.size(); ++i)
            f.push_back({"Filter [" + std::to_string(i) + "]",
                         numcodecs_repr(zarr_.filters.as_array()[i])});
    }
    f.push_back({"Compressor", numcodecs_repr(zarr_.compressor)});
    f.push_back({"Store type", "zarr.storage." + store_->type_name()});
    // zarr counts an array's metadata files in its stored bytes.
    std::uint64_t stored = 0;
    std::uint64_t initialized = 0;
    for (const char* name : {".zarray", ".zattrs"}) {
        if (auto size = store_->size(key_of(name)); size && *size) stored += **size;
    }
    auto chunks = chunk_storage();
    if (chunks) {
        for (const auto& c : *chunks) {
            stored += c.stored_bytes;
            initialized += c.present ? 1 : 0;
        }
    }
    const std::uint64_t nbytes = meta_.nbytes();
    f.push_back({"No. bytes", zarr_info_bytes(nbytes)});
    if (stored > 0) {
        f.push_back({"No. bytes stored", zarr_info_bytes(stored)});
        char ratio[64];
        std::snprintf(ratio, sizeof ratio, "%.1f",
                      static_cast<double>(nbytes) / static_cast<double>(stored));
        f.push_back({"Storage ratio", ratio});
    }
    f.push_back({"Chunks initialized", chunks ? std::to_string(initialized) + "/" +
                                                    std::to_string(meta_.grid.num_chunks())
                                              : "unknown: " + chunks.error().message});
    f.push_back({"Fill value", write_json(zarr_.fill_value)});
    f.push_back({"Attributes", write_json(meta_.attributes)});
    return f;
}

}  // namespace cs
