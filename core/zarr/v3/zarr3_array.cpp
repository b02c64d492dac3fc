#include "core/zarr/v3/zarr3_array.h"

namespace cs::zarr3 {

Result<void> Zarr3Array::check_coords(std::span<const std::uint64_t> coords) const {
    const Shape grid = meta_.grid.grid_shape();
    bool ok = coords.size() == grid.size();
    for (std::size_t i = 0; ok && i < grid.size(); ++i) ok = coords[i] < grid[i];
    if (!ok)
        return fail(ErrorCode::InvalidArgument, chunk_what(coords) + " is outside the chunk grid");
    return {};
}

Result<std::optional<Bytes>> Zarr3Array::read_stored_chunk(std::span<const std::uint64_t> coords,
                                                           ReadStats* stats) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    CS_ASSIGN_OR_RETURN(auto bytes, store_->get(key(coords)));
    if (stats && bytes) stats->stored_bytes += bytes->size();
    return bytes;
}

Result<Bytes> Zarr3Array::decode_chunk(std::span<const std::uint64_t> coords, Bytes stored) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    auto decoded = chain_.decode(std::move(stored));
    if (!decoded) return fail(decoded.error().with_context(store_->describe_key(key(coords))));
    return decoded;
}

Result<std::vector<ChunkStorage>> Zarr3Array::chunk_storage() const {
    std::vector<ChunkStorage> out;
    const std::uint64_t n = meta_.grid.num_chunks();
    out.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        ChunkStorage c;
        c.coords = meta_.grid.coords_of(i);
        c.key = metadata_.key_encoding.key(c.coords);
        CS_ASSIGN_OR_RETURN(auto size, store_->size(prefix() + c.key));
        c.present = size.has_value();
        c.stored_bytes = size.value_or(0);
        out.push_back(std::move(c));
    }
    return out;
}

Result<Bytes> Zarr3Array::encode_chunk(std::span<const std::uint64_t> coords,
                                       ByteSpan elements) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    auto encoded = chain_.encode(copy_bytes(elements));
    if (!encoded) return fail(encoded.error().with_context(store_->describe_key(key(coords))));
    return encoded;
}

Result<void> Zarr3Array::write_stored_chunk(std::span<const std::uint64_t> coords,
                                            ByteSpan stored) {
    CS_RETURN_IF_ERROR(check_coords(coords));
    CS_RETURN_IF_ERROR(store_->set(key(coords), stored));
    if (shards_) shards_->forget(coords);
    return {};
}

}  // namespace cs::zarr3
