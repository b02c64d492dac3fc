#include "core/zarr/v3/sharding_codec.h"

#include <algorithm>
#include <cstring>

#include "core/array/chunk_grid.h"

namespace cs::zarr3 {
namespace {

// Copies the box of `inner` (shape `inner_shape`) at `origin` into or out of `outer`.
void copy_box(std::uint8_t* outer, const Shape& outer_shape, std::uint8_t* inner,
              const Shape& inner_shape, const Shape& origin, std::size_t itemsize, bool to_outer) {
    const std::size_t rank = outer_shape.size();
    if (rank == 0) {
        to_outer ? std::memcpy(outer, inner, itemsize) : std::memcpy(inner, outer, itemsize);
        return;
    }
    std::vector<std::uint64_t> outer_strides(rank, 1);
    for (std::size_t i = rank; i-- > 1;) outer_strides[i - 1] = outer_strides[i] * outer_shape[i];
    const std::size_t row = inner_shape[rank - 1] * itemsize;
    std::uint64_t rows = 1;
    for (std::size_t i = 0; i + 1 < rank; ++i) rows *= inner_shape[i];
    std::vector<std::uint64_t> idx(rank, 0);
    for (std::uint64_t r = 0; r < rows; ++r) {
        std::uint64_t off = 0;
        for (std::size_t i = 0; i < rank; ++i) off += (origin[i] + idx[i]) * outer_strides[i];
        std::uint8_t* o = outer + off * itemsize;
        std::uint8_t* in = inner + r * row;
        to_outer ? std::memcpy(o, in, row) : std::memcpy(in, o, row);
        for (std::size_t a = rank - 1; a-- > 0;) {
            if (++idx[a] < inner_shape[a]) break;
            idx[a] = 0;
        }
    }
}

bool all_fill(const Bytes& elements, const std::optional<Bytes>& fill, std::size_t itemsize) {
    if (!fill) return std::all_of(elements.begin(), elements.end(), [](auto b) { return b == 0; });
    for (std::size_t i = 0; i < elements.size(); i += itemsize)
        if (std::memcmp(elements.data() + i, fill->data(), itemsize) != 0) return false;
    return true;
}

}  // namespace

ShardingCodec::ShardingCodec(Shape shard_shape, CodecChain inner, CodecChain index,
                             bool index_at_end, std::uint64_t index_size, std::optional<Bytes> fill)
    : shard_shape_(std::move(shard_shape)),
      inner_(std::move(inner)),
      index_(std::move(index)),
      index_at_end_(index_at_end),
      index_size_(index_size),
      fill_(std::move(fill)) {
    chunks_per_shard_.resize(shard_shape_.size());
    for (std::size_t i = 0; i < shard_shape_.size(); ++i)
        chunks_per_shard_[i] = shard_shape_[i] / inner_.chunk_shape()[i];
}

Result<std::unique_ptr<ShardingCodec>> ShardingCodec::from_config(const Json& config,
                                                                  const DType& dtype,
                                                                  const Shape& shard_shape,
                                                                  const std::optional<Bytes>& fill,
                                                                  std::string_view what) {
    const std::string where = std::string(what) + ": sharding_indexed";
    const Json* chunk_shape = config.find("chunk_shape");
    if (!chunk_shape || !chunk_shape->is_array() || chunk_shape->size() != shard_shape.size())
        return fail(ErrorCode::Corrupt, where + ": \"chunk_shape\" must list " +
                                            std::to_string(shard_shape.size()) + " sizes");
    Shape inner_shape;
    for (std::size_t i = 0; i < shard_shape.size(); ++i) {
        const Json& v = chunk_shape->as_array()[i];
        if (!v.is_int() || v.as_int() < 1)
            return fail(ErrorCode::Corrupt, where + ": chunk_shape " + write_json(*chunk_shape) +
                                                " has a size below 1");
        inner_shape.push_back(v.as_uint());
        if (shard_shape[i] % inner_shape[i] != 0)
            return fail(ErrorCode::Corrupt,
                        where + ": inner chunk_shape " + write_json(*chunk_shape) +
                            " does not divide the shard shape along axis " + std::to_string(i));
    }
    const Json* codecs = config.find("codecs");
    if (!codecs || !codecs->is_array())
        return fail(ErrorCode::Corrupt, where + ": \"codecs\" must be a list");
    CS_ASSIGN_OR_RETURN(CodecChain inner,
                        CodecChain::from_json(*codecs, dtype, inner_shape, fill, where));
    if (inner.sharding())
        return fail(ErrorCode::Unsupported, where + ": nested sharding is not supported");

    Json default_index = Json::array();
    {
        Json bytes_config = Json::object();
        bytes_config["endian"] = Json("little");
        default_index.push_back(named_config("bytes", std::move(bytes_config)));
        default_index.push_back(named_config("crc32c", Json()));
    }
    const Json* index_codecs = config.find("index_codecs");
    Shape index_shape;
    for (std::size_t i = 0; i < shard_shape.size(); ++i)
        index_shape.push_back(shard_shape[i] / inner_shape[i]);
    index_shape.push_back(2);
    CS_ASSIGN_OR_RETURN(CodecChain index,
                        CodecChain::from_json(index_codecs ? *index_codecs : default_index,
                                              DType::scalar(ScalarType::U64), index_shape,
                                              std::nullopt, where + " index_codecs"));
    const auto index_size = index.fixed_encoded_size();
    if (!index_size)
        return fail(ErrorCode::Unsupported,
                    where + ": index_codecs must have a fixed encoded size (bytes, crc32c)");
    bool at_end = true;
    if (const Json* loc = config.find("index_location")) {
        if (!loc->is_string() || (loc->as_string() != "end" && loc->as_string() != "start"))
            return fail(ErrorCode::Corrupt, where + ": index_location " + write_json(*loc) +
                                                " is not \"start\" or \"end\"");
        at_end = loc->as_string() == "end";
    }
    return std::unique_ptr<ShardingCodec>(new ShardingCodec(
        shard_shape, std::move(inner), std::move(index), at_end, *index_size, fill));
}

Json ShardingCodec::to_json() const {
    Json config = Json::object();
    Json shape = Json::array();
    for (auto s : inner_.chunk_shape()) shape.push_back(Json(static_cast<unsigned long long>(s)));
    config["chunk_shape"] = std::move(shape);
    config["codecs"] = inner_.to_json();
    config["index_codecs"] = index_.to_json();
    config["index_location"] = Json(index_at_end_ ? "end" : "start");
    return named_config("sharding_indexed", std::move(config));
}

std::uint64_t ShardingCodec::inner_chunks_per_shard() const {
    std::uint64_t n = 1;
    for (auto c : chunks_per_shard_) n *= c;
    return n;
}

Result<ShardIndex> ShardingCodec::decode_index(ByteSpan index_bytes, std::uint64_t shard_size,
                                               const std::string& what) const {
    if (index_bytes.size() != index_size_)
        return fail(ErrorCode::Corrupt, what + ": shard index is " +
                                            std::to_string(index_bytes.size()) +
                                            " bytes, expected " + std::to_string(index_size_));
    auto decoded = index_.decode(Bytes(index_bytes.begin(), index_bytes.end()));
    if (!decoded) return fail(decoded.error().with_context(what + ": shard index"));
    ShardIndex index;
    const std::uint64_t n = inner_chunks_per_shard();
    if (decoded->size() != n * 16)
        return fail(ErrorCode::Corrupt, what + ": shard index decodes to the wrong size");
    index.entries.resize(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        std::memcpy(&index.entries[i].offset, decoded->data() + i * 16, 8);
        std::memcpy(&index.entries[i].nbytes, decoded->data() + i * 16 + 8, 8);
    }
    const std::uint64_t begin = index_at_end_ ? shard_size - index_size_ : 0;
    CS_RETURN_IF_ERROR(index.validate(shard_size, begin, begin + index_size_, what));
    return index;
}

Result<Bytes> ShardingCodec::assemble(const std::vector<std::optional<Bytes>>& inner_chunks) const {
    const std::uint64_t n = inner_chunks_per_shard();
    Bytes index_elements(n * 16);
    std::uint64_t offset = index_at_end_ ? 0 : index_size_;
    std::uint64_t data_size = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        ShardIndexEntry e;
        if (i < inner_chunks.size() && inner_chunks[i]) {
            e.offset = offset;
            e.nbytes = inner_chunks[i]->size();
            offset += e.nbytes;
            data_size += e.nbytes;
        }
        std::memcpy(index_elements.data() + i * 16, &e.offset, 8);
        std::memcpy(index_elements.data() + i * 16 + 8, &e.nbytes, 8);
    }
    CS_ASSIGN_OR_RETURN(Bytes index, index_.encode(std::move(index_elements)));
    Bytes shard;
    shard.reserve(data_size + index.size());
    if (!index_at_end_) shard.insert(shard.end(), index.begin(), index.end());
    for (const auto& c : inner_chunks)
        if (c) shard.insert(shard.end(), c->begin(), c->end());
    if (index_at_end_) shard.insert(shard.end(), index.begin(), index.end());
    return shard;
}

Result<std::vector<std::optional<Bytes>>> ShardingCodec::split(ByteSpan shard,
                                                               const std::string& what) const {
    if (shard.size() < index_size_)
        return fail(ErrorCode::Corrupt, what + ": shard of " + std::to_string(shard.size()) +
                                            " bytes is shorter than its " +
                                            std::to_string(index_size_) + "-byte index");
    const ByteSpan index_bytes =
        index_at_end_ ? shard.subspan(shard.size() - index_size_) : shard.first(index_size_);
    CS_ASSIGN_OR_RETURN(ShardIndex index, decode_index(index_bytes, shard.size(), what));
    std::vector<std::optional<Bytes>> chunks(index.entries.size());
    for (std::size_t i = 0; i < index.entries.size(); ++i) {
        const auto& e = index.entries[i];
        if (!e.empty())
            chunks[i] = Bytes(shard.begin() + static_cast<std::ptrdiff_t>(e.offset),
                              shard.begin() + static_cast<std::ptrdiff_t>(e.offset + e.nbytes));
    }
    return chunks;
}

Result<Bytes> ShardingCodec::encode(Bytes elements, const Shape& shape, const DType& dtype) const {
    const ChunkGrid grid{shape, inner_.chunk_shape()};
    const std::uint64_t n = grid.num_chunks();
    std::vector<std::optional<Bytes>> chunks(n);
    const std::size_t inner_nbytes = grid.chunk_elements() * dtype.itemsize;
    for (std::uint64_t i = 0; i < n; ++i) {
        const ChunkCoords c = grid.coords_of(i);
        Bytes inner(inner_nbytes);
        copy_box(elements.data(), shape, inner.data(), inner_.chunk_shape(), grid.origin(c),
                 dtype.itemsize, false);
        if (all_fill(inner, fill_, dtype.itemsize)) continue;  // stored as an empty entry
        CS_ASSIGN_OR_RETURN(Bytes encoded, inner_.encode(std::move(inner)));
        chunks[i] = std::move(encoded);
    }
    return assemble(chunks);
}

Result<Bytes> ShardingCodec::decode(Bytes stored, const Shape& shape, const DType& dtype) const {
    CS_ASSIGN_OR_RETURN(auto chunks, split(stored, "shard"));
    const ChunkGrid grid{shape, inner_.chunk_shape()};
    std::uint64_t elements = grid.array_elements();
    Bytes out(elements * dtype.itemsize);
    Bytes fill_inner;
    for (std::uint64_t i = 0; i < chunks.size(); ++i) {
        Bytes inner;
        if (chunks[i]) {
            auto decoded = inner_.decode(std::move(*chunks[i]));
            if (!decoded)
                return fail(decoded.error().with_context("inner chunk " + std::to_string(i)));
            inner = std::move(*decoded);
        } else {
            inner.resize(grid.chunk_elements() * dtype.itemsize);
            for (std::size_t k = 0; k < inner.size(); k += dtype.itemsize) {
                if (fill_)
                    std::memcpy(inner.data() + k, fill_->data(), dtype.itemsize);
                else
                    std::memset(inner.data() + k, 0, dtype.itemsize);
            }
        }
        copy_box(out.data(), shape, inner.data(), inner_.chunk_shape(),
                 grid.origin(grid.coords_of(i)), dtype.itemsize, true);
    }
    return out;
}

}  // namespace cs::zarr3
