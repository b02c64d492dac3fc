#include "core/zarr/v3/zarr3_array.h"

namespace cs::zarr3 {

Result<const CodecChain*> Zarr3Array::chunk_chain(std::span<const std::uint64_t> coords) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    return &chain_;
}

Result<std::optional<Bytes>> Zarr3Array::read_stored_chunk(std::span<const std::uint64_t> coords,
                                                           ReadStats* stats) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    CS_ASSIGN_OR_RETURN(auto bytes, store_->get(key(coords)));
    if (stats && bytes) stats->stored_bytes += bytes->size();
    return bytes;
}

Result<std::vector<ChunkStorage>> Zarr3Array::chunk_storage() const {
    return storage_of_each_chunk(meta_.grid, [&](ChunkStorage& c) -> Result<void> {
        c.key = metadata_.key_encoding.key(c.coords);
        CS_ASSIGN_OR_RETURN(auto size, store_->size(prefix() + c.key));
        c.present = size.has_value();
        c.stored_bytes = size.value_or(0);
        return {};
    });
}

Result<void> Zarr3Array::write_stored_chunk(std::span<const std::uint64_t> coords,
                                            ByteSpan stored) {
    CS_RETURN_IF_ERROR(check_coords(coords));
    CS_RETURN_IF_ERROR(store_->set(key(coords), stored));
    if (shards_) shards_->forget(coords);
    return {};
}

}  // namespace cs::zarr3
