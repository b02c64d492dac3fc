// A dataset's filter pipeline: what h5ls -v lists under "Filter-N", and the per-chunk decode
// that runs it backwards outside the HDF5 lock, skipping the filters a chunk's mask says were
// not applied (an optional filter that failed, e.g. LZF on incompressible data).
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json/json.h"
#include "core/util/bytes.h"
#include "core/util/result.h"

namespace cs {

enum Hdf5FilterId : int {
    kFilterDeflate = 1,
    kFilterShuffle = 2,
    kFilterFletcher32 = 3,
    kFilterSzip = 4,
    kFilterNbit = 5,
    kFilterScaleOffset = 6,
    kFilterBzip2 = 307,
    kFilterLzf = 32000,
    kFilterBlosc = 32001,
    kFilterLz4 = 32004,
};

struct Hdf5Filter {
    int id = 0;
    std::string name;  // as stored in the file, or our name for well-known ids
    unsigned flags = 0;
    std::vector<unsigned> cd_values;

    bool optional() const { return (flags & H5Z_FLAG_OPTIONAL) != 0; }
    // True when chunkscope decodes this filter itself (outside the lock).
    bool decodable() const;
    // h5ls -v style: "deflate-1 OPT {4}".
    std::string describe() const;
    // {"id": "deflate", "filter_id": 1, "optional": false, "cd_values": [4], "level": 4}
    Json to_json() const;
};

// The pipeline of a dataset creation property list. Call with the lock held.
Result<std::vector<Hdf5Filter>> read_filter_pipeline(hid_t dcpl, const std::string& context);

class Hdf5FilterPipeline {
public:
    Hdf5FilterPipeline() = default;
    Hdf5FilterPipeline(std::vector<Hdf5Filter> filters, std::size_t element_size);

    const std::vector<Hdf5Filter>& filters() const { return filters_; }
    bool decodable() const;  // every filter decodable by chunkscope
    // The first filter chunkscope cannot decode, for messages ("szip-4").
    std::optional<Hdf5Filter> first_undecodable() const;

    // Stored chunk bytes -> `chunk_nbytes` bytes of elements. Filter i is skipped when bit i of
    // `filter_mask` is set. Thread-safe, no HDF5 calls.
    Result<Bytes> decode(Bytes stored, std::uint32_t filter_mask, std::size_t chunk_nbytes) const;
    // Elements -> stored bytes through every filter, for the writer (shuffle, deflate, fletcher32).
    Result<Bytes> encode(ByteSpan elements) const;

private:
    std::vector<Hdf5Filter> filters_;
    std::size_t element_size_ = 1;
};

}  // namespace cs
