#include "core/zarr/v3/shard_reader.h"

namespace cs::zarr3 {

ShardReader::ShardReader(std::shared_ptr<Store> store, std::string prefix, ChunkKeyEncoding keys,
                         ChunkGrid shard_grid, const ShardingCodec& codec)
    : store_(std::move(store)),
      prefix_(std::move(prefix)),
      keys_(keys),
      shard_grid_(std::move(shard_grid)),
      codec_(codec) {}

std::string ShardReader::shard_key(std::span<const std::uint64_t> shard) const {
    return prefix_ + keys_.key(shard);
}

Result<std::shared_ptr<const ShardIndex>> ShardReader::index(std::span<const std::uint64_t> shard,
                                                             std::uint64_t* bytes_read) const {
    const std::uint64_t linear = shard_grid_.linear_of(shard);
    {
        std::lock_guard lock(mutex_);
        if (auto it = cache_.find(linear); it != cache_.end()) return it->second;
    }
    // Fetched outside the lock: two threads may fetch the same index once each, which is
    // cheaper than making every reader wait on one fetch.
    const std::string key = shard_key(shard);
    const std::string what = store_->describe_key(key);
    CS_ASSIGN_OR_RETURN(auto size, store_->size(key));
    if (!size) return std::shared_ptr<const ShardIndex>();
    const std::uint64_t index_size = codec_.index_size();
    if (*size < index_size)
        return fail(ErrorCode::Corrupt, what + ": shard of " + std::to_string(*size) +
                                            " bytes is shorter than its " +
                                            std::to_string(index_size) + "-byte index");
    const std::uint64_t offset = codec_.index_at_end() ? *size - index_size : 0;
    CS_ASSIGN_OR_RETURN(auto bytes, store_->get_range(key, offset, index_size));
    if (!bytes) return std::shared_ptr<const ShardIndex>();  // erased meanwhile
    if (bytes_read) *bytes_read += bytes->size();
    CS_ASSIGN_OR_RETURN(ShardIndex decoded, codec_.decode_index(*bytes, *size, what));
    auto shared = std::make_shared<const ShardIndex>(std::move(decoded));
    std::lock_guard lock(mutex_);
    cache_[linear] = shared;
    return shared;
}

Result<std::optional<Bytes>> ShardReader::read_inner(std::span<const std::uint64_t> shard,
                                                     std::uint64_t inner, ReadStats* stats) const {
    std::uint64_t bytes_read = 0;
    CS_ASSIGN_OR_RETURN(auto idx, index(shard, &bytes_read));
    if (stats) stats->stored_bytes += bytes_read;
    if (!idx || inner >= idx->entries.size() || idx->entries[inner].empty())
        return std::optional<Bytes>();
    const ShardIndexEntry& e = idx->entries[inner];
    const std::string key = shard_key(shard);
    auto bytes = store_->get_range(key, e.offset, e.nbytes);
    if (!bytes) return fail(bytes.error());
    if (!*bytes)
        return fail(ErrorCode::NotFound,
                    store_->describe_key(key) + ": shard vanished while reading");
    if (stats) stats->stored_bytes += (*bytes)->size();
    return std::move(*bytes);
}

void ShardReader::forget(std::span<const std::uint64_t> shard) const {
    std::lock_guard lock(mutex_);
    cache_.erase(shard_grid_.linear_of(shard));
}

Result<std::vector<Zarr3ShardStorage>> ShardReader::storage() const {
    return storage_of_each_chunk<Zarr3ShardStorage>(
        shard_grid_, [&](Zarr3ShardStorage& s) -> Result<void> {
            s.key = shard_key(s.coords);
            s.inner_chunks = codec_.inner_chunks_per_shard();
            CS_ASSIGN_OR_RETURN(auto size, store_->size(s.key));
            if (size) {
                CS_ASSIGN_OR_RETURN(auto idx, index(s.coords));
                s.present = idx != nullptr;
                s.stored_bytes = *size;
                s.inner_chunks_present = idx ? idx->present() : 0;
            }
            return {};
        });
}

Zarr3ShardLayout ShardReader::layout(bool chunks_are_shards) const {
    Zarr3ShardLayout l;
    l.shard_shape = shard_grid_.chunk_shape;
    l.inner_chunk_shape = codec_.inner_chunk_shape();
    l.shard_grid_shape = shard_grid_.grid_shape();
    l.chunks_per_shard = codec_.chunks_per_shard();
    l.index_at_end = codec_.index_at_end();
    l.chunks_are_shards = chunks_are_shards;
    return l;
}

}  // namespace cs::zarr3
