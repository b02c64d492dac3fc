#include "core/zarr/v3/sharded_array.h"

namespace cs::zarr3 {

ShardedArray::ShardedArray(std::shared_ptr<Store> store, std::string path, ArrayMetadata metadata,
                           CodecChain chain)
    : Zarr3ArrayBase(std::move(store), std::move(path), std::move(metadata), std::move(chain),
                     false),
      sharding_(*chain_.sharding()) {}

Result<ShardedArray::Place> ShardedArray::place(std::span<const std::uint64_t> coords) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    const Shape& per_shard = sharding_.chunks_per_shard();
    Place p;
    p.shard.resize(coords.size());
    for (std::size_t i = 0; i < coords.size(); ++i) {
        p.shard[i] = coords[i] / per_shard[i];
        p.inner = p.inner * per_shard[i] + coords[i] % per_shard[i];
    }
    return p;
}

Result<std::optional<Bytes>> ShardedArray::read_stored_chunk(std::span<const std::uint64_t> coords,
                                                             ReadStats* stats) const {
    CS_ASSIGN_OR_RETURN(Place p, place(coords));
    return shards_->read_inner(p.shard, p.inner, stats);
}

Result<const CodecChain*> ShardedArray::chunk_chain(std::span<const std::uint64_t> coords) const {
    CS_RETURN_IF_ERROR(check_coords(coords));
    return &sharding_.inner();
}

std::string ShardedArray::stored_what(std::span<const std::uint64_t> coords) const {
    auto p = place(coords);
    if (!p) return chunk_what(coords);
    return store_->describe_key(shards_->shard_key(p->shard)) + " inner chunk " +
           std::to_string(p->inner);
}

Result<std::vector<ChunkStorage>> ShardedArray::chunk_storage() const {
    return storage_of_each_chunk(meta_.grid, [&](ChunkStorage& c) -> Result<void> {
        CS_ASSIGN_OR_RETURN(Place p, place(c.coords));
        c.key = metadata_.key_encoding.key(p.shard);
        CS_ASSIGN_OR_RETURN(auto idx, shards_->index(p.shard));
        if (idx && !idx->entries[p.inner].empty()) {
            c.present = true;
            c.stored_bytes = idx->entries[p.inner].nbytes;
            c.file_offset = idx->entries[p.inner].offset;  // offset inside the shard
        }
        return {};
    });
}

Result<void> ShardedArray::write_stored_chunk(std::span<const std::uint64_t> coords,
                                              ByteSpan stored) {
    CS_ASSIGN_OR_RETURN(Place p, place(coords));
    const std::string key = shards_->shard_key(p.shard);
    std::lock_guard lock(write_mutex_);
    std::vector<std::optional<Bytes>> chunks(sharding_.inner_chunks_per_shard());
    CS_ASSIGN_OR_RETURN(auto old, store_->get(key));
    if (old) {
        CS_ASSIGN_OR_RETURN(chunks, sharding_.split(*old, store_->describe_key(key)));
    }
    chunks[p.inner] = copy_bytes(stored);
    CS_ASSIGN_OR_RETURN(Bytes shard, sharding_.assemble(chunks));
    CS_RETURN_IF_ERROR(store_->set(key, shard));
    shards_->forget(p.shard);
    return {};
}

}  // namespace cs::zarr3
