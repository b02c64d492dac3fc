// A Zarr v2 array over a Store: chunk keys from coordinates with the array's separator, chunks
// decoded through its codec pipeline, Fortran-order chunks transposed to C order.
#pragma once

#include <memory>
#include <string>

#include "core/array/chunked_array.h"
#include "core/store/store.h"
#include "core/zarr/zarr_codec_pipeline.h"
#include "core/zarr/zarr_metadata.h"

namespace cs {

class ZarrArray final : public ChunkedArray {
public:
    // Reads `path`/.zarray (and .zattrs) from the store.
    static Result<std::unique_ptr<ZarrArray>> open(std::shared_ptr<Store> store, std::string path);
    // From metadata already read (a consolidated .zmetadata); `attributes` is the .zattrs object.
    static Result<std::unique_ptr<ZarrArray>> open_with(std::shared_ptr<Store> store,
                                                        std::string path, const Json& zarray,
                                                        Json attributes);

    const ArrayMeta& meta() const override { return meta_; }
    std::string describe() const override;
    std::vector<InfoField> info() const override;

    Result<std::optional<Bytes>> read_stored_chunk(std::span<const std::uint64_t> coords,
                                                   ReadStats* stats = nullptr) const override;
    Result<Bytes> decode_chunk(std::span<const std::uint64_t> coords, Bytes stored) const override;
    std::unique_ptr<ChunkPieces> open_pieces(std::span<const std::uint64_t> coords,
                                             Bytes& stored) const override;
    Result<std::vector<ChunkStorage>> chunk_storage() const override;

    bool writable() const override { return !zarr_.is_vlen_utf8(); }
    Result<Bytes> encode_chunk(std::span<const std::uint64_t> coords,
                               ByteSpan elements) const override;
    Result<void> write_stored_chunk(std::span<const std::uint64_t> coords,
                                    ByteSpan stored) override;

    const ZarrArrayMetadata& zarr_metadata() const { return zarr_; }
    const std::string& path() const { return path_; }
    const Store& store() const { return *store_; }
    // The store key of a chunk: "<path>/1.0" ('.' separator) or "<path>/1/0" ('/').
    std::string chunk_key(std::span<const std::uint64_t> coords) const;

private:
    ZarrArray(std::shared_ptr<Store> store, std::string path, ZarrArrayMetadata zarr,
              ZarrCodecPipeline pipeline, Json attributes);
    Result<void> check_coords(std::span<const std::uint64_t> coords) const;
    std::string key_of(const char* name) const;

    std::shared_ptr<Store> store_;
    std::string path_;
    ZarrArrayMetadata zarr_;
    ZarrCodecPipeline pipeline_;
    ArrayMeta meta_;
};

}  // namespace cs
