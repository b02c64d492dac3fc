#include "core/zarr/v3/sharded_array.h"

namespace cs::zarr3 {

ShardedArray::ShardedArray(std::shared_ptr<Store> store, std::string path, ArrayMetadata metadata,
                           CodecChain chain)
    : Zarr3ArrayBase(std::move(store), std::move(path), std::move(metadata), std::move(chain),
                     false),
      sharding_(*chain_.sharding()) {}

Result<ShardedArray::Place> ShardedArray::place(std::span<const std::uint64_t> coords) const {
    const Shape grid = meta_.grid.grid_shape();
    bool ok = coords.size() == grid.size();
    for (std::size_t i = 0; ok && i < grid.size(); ++i) ok = coords[i] < grid[i];
    if (!ok)
        return fail(ErrorCode::InvalidArgument, chunk_what(coords) + " is outside the chunk grid");
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

Result<Bytes> ShardedArray::decode_chunk(std::span<const std::uint64_t> coords,
                                         Bytes stored) const {
    CS_ASSIGN_OR_RETURN(Place p, place(coords));
    auto decoded = sharding_.inner().decode(std::move(stored));
    if (!decoded)
        return fail(decoded.error().with_context(store_->describe_key(shards_->shard_key(p.shard)) +
                                                 " inner chunk " + std::to_string(p.inner)));
    return decoded;
}

Result<std::vector<ChunkStorage>> ShardedArray::chunk_storage() const {
    std::vector<ChunkStorage> out;
    const std::uint64_t n = meta_.grid.num_chunks();
    out.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        ChunkStorage c;
        c.coords = meta_.grid.coords_of(i);
        CS_ASSIGN_OR_RETURN(Place p, place(c.coords));
        c.key = metadata_.key_encoding.key(p.shard);
        CS_ASSIGN_OR_RETURN(auto idx, shards_->index(p.shard));
        if (idx && !idx->entries[p.inner].empty()) {
            c.present = true;
            c.stored_bytes = idx->entries[p.inner].nbytes;
            c.file_offset = idx->entries[p.inner].offset;  // offset inside the shard
        }
        out.push_back(std::move(c));
    }
    return out;
}

Result<Bytes> ShardedArray::encode_chunk(std::span<const std::uint64_t> coords,
                                         ByteSpan elements) const {
    CS_ASSIGN_OR_RETURN(Place p, place(coords));
    auto encoded = sharding_.inner().encode(copy_bytes(elements));
    if (!encoded)
        return fail(encoded.error().with_context(store_->describe_key(shards_->shard_key(p.shard)) +
                                                 " inner chunk " + std::to_string(p.inner)));
    return encoded;
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
