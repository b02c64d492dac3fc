#include "core/zarr/v3/array_base.h"

#include <cstdio>

#include "core/zarr/v3/data_type.h"

namespace cs::zarr3 {
namespace {

std::string tuple(const Shape& s) {
    std::string out = "(";
    for (std::size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
    return out + (s.size() == 1 ? ",)" : ")");
}

// zarr-python's human-readable size: "40000 (39.1K)".
std::string human_bytes(std::uint64_t n) {
    const char* units[] = {"", "K", "M", "G", "T", "P"};
    double v = static_cast<double>(n);
    int u = 0;
    while (v >= 1024 && u < 5) {
        v /= 1024;
        ++u;
    }
    char buf[64];
    if (u == 0)
        std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(n));
    else
        std::snprintf(buf, sizeof buf, "%llu (%.1f%s)", static_cast<unsigned long long>(n), v,
                      units[u]);
    return buf;
}

}  // namespace

Zarr3ArrayBase::Zarr3ArrayBase(std::shared_ptr<Store> store, std::string path,
                               ArrayMetadata metadata, CodecChain chain, bool chunks_are_shards)
    : store_(std::move(store)),
      path_(std::move(path)),
      metadata_(std::move(metadata)),
      chain_(std::move(chain)),
      chunks_are_shards_(chunks_are_shards) {
    meta_.dtype = metadata_.dtype;
    meta_.order = 'C';
    meta_.fill_value = metadata_.fill_value;
    meta_.dimension_names = metadata_.dimension_names;
    meta_.attributes = metadata_.attributes;
    meta_.codecs = chain_.to_json();
    meta_.grid.shape = metadata_.shape;
    meta_.grid.chunk_shape = metadata_.chunk_shape;
    // Shard indexes can be read by range only when nothing wraps the sharding codec; otherwise
    // shards are plain chunks (decoded whole) and no shard facts are offered.
    if (const ShardingCodec* sharding = chain_.sharding(); sharding && chain_.sharding_only()) {
        shards_ = std::make_unique<ShardReader>(store_, prefix(), metadata_.key_encoding,
                                                ChunkGrid{metadata_.shape, metadata_.chunk_shape},
                                                *sharding);
        if (!chunks_are_shards_) meta_.grid.chunk_shape = sharding->inner_chunk_shape();
    }
}

std::string Zarr3ArrayBase::describe() const {
    return path_.empty() ? store_->location() : store_->describe_key(path_);
}

std::string Zarr3ArrayBase::chunk_what(std::span<const std::uint64_t> coords) const {
    std::string c;
    for (std::size_t i = 0; i < coords.size(); ++i) c += (i ? "," : "") + std::to_string(coords[i]);
    return describe() + ": chunk (" + c + ")";
}

Result<void> Zarr3ArrayBase::check_coords(std::span<const std::uint64_t> coords) const {
    if (!meta_.grid.contains(coords))
        return fail(ErrorCode::InvalidArgument, chunk_what(coords) + " is outside the chunk grid");
    return {};
}

Result<Bytes> Zarr3ArrayBase::decode_chunk(std::span<const std::uint64_t> coords,
                                           Bytes stored) const {
    CS_ASSIGN_OR_RETURN(const CodecChain* chain, chunk_chain(coords));
    auto decoded = chain->decode(std::move(stored));
    if (!decoded) return fail(decoded.error().with_context(stored_what(coords)));
    return decoded;
}

Result<Bytes> Zarr3ArrayBase::encode_chunk(std::span<const std::uint64_t> coords,
                                           ByteSpan elements) const {
    CS_ASSIGN_OR_RETURN(const CodecChain* chain, chunk_chain(coords));
    auto encoded = chain->encode(copy_bytes(elements));
    if (!encoded) return fail(encoded.error().with_context(stored_what(coords)));
    return encoded;
}

std::vector<InfoField> Zarr3ArrayBase::info() const {
    std::vector<InfoField> f;
    f.push_back({"Name", "/" + path_});
    f.push_back({"Type", "Array"});
    f.push_back({"Zarr format", "3"});
    f.push_back({"Data type", data_type_name(meta_.dtype).value_or(meta_.dtype.display_name())});
    f.push_back({"Fill value", write_json(fill_value_to_json(meta_.fill_value, meta_.dtype))});
    f.push_back({"Shape", tuple(meta_.shape())});
    if (shards_) {
        f.push_back({"Shard shape", tuple(metadata_.chunk_shape)});
        f.push_back({"Chunk shape", tuple(chain_.sharding()->inner_chunk_shape())});
        f.push_back({"Shard index", chain_.sharding()->index_at_end() ? "end" : "start"});
    } else {
        f.push_back({"Chunk shape", tuple(meta_.chunk_shape())});
    }
    if (!meta_.dimension_names.empty()) {
        std::string names;
        for (std::size_t i = 0; i < meta_.dimension_names.size(); ++i)
            names += (i ? ", " : "") + meta_.dimension_names[i];
        f.push_back({"Dimension names", names});
    }
    const auto& keys = metadata_.key_encoding;
    f.push_back({"Chunk key encoding", std::string(keys.v2 ? "v2" : "default") + " (separator '" +
                                           keys.separator + "')"});
    f.push_back({"Order", "C"});
    f.push_back({"Read-only", "False"});
    f.push_back({"Store type", store_->type_name()});
    f.push_back({"Codecs", write_json(chain_.to_json())});
    f.push_back({"No. bytes", human_bytes(meta_.nbytes())});
    // Stored sizes: per shard when sharded (a shard's index is part of what it stores).
    std::uint64_t stored = 0;
    std::string shards_line, chunks_line, error;
    if (shards_) {
        auto storage = shards_->storage();
        if (storage) {
            std::uint64_t present = 0, inner = 0, inner_total = 0;
            for (const auto& s : *storage) {
                stored += s.stored_bytes;
                present += s.present;
                inner += s.inner_chunks_present;
            }
            // Inner chunks of edge shards that lie wholly outside the array never count.
            inner_total =
                ChunkGrid{meta_.shape(), chain_.sharding()->inner_chunk_shape()}.num_chunks();
            shards_line = std::to_string(present) + "/" + std::to_string(storage->size());
            chunks_line = std::to_string(inner) + "/" + std::to_string(inner_total);
        } else {
            error = storage.error().describe();
        }
    } else {
        auto storage = chunk_storage();
        if (storage) {
            std::uint64_t present = 0;
            for (const auto& c : *storage) {
                stored += c.stored_bytes;
                present += c.present;
            }
            chunks_line = std::to_string(present) + "/" + std::to_string(storage->size());
        } else {
            error = storage.error().describe();
        }
    }
    if (!error.empty()) {
        f.push_back({"Storage error", error});
        return f;
    }
    f.push_back({"No. bytes stored", human_bytes(stored)});
    if (stored > 0) {
        char ratio[32];
        std::snprintf(ratio, sizeof ratio, "%.1f",
                      static_cast<double>(meta_.nbytes()) / static_cast<double>(stored));
        f.push_back({"Storage ratio", ratio});
    }
    if (shards_) f.push_back({"Shards initialized", shards_line});
    f.push_back({"Chunks initialized", chunks_line});
    return f;
}

}  // namespace cs::zarr3
