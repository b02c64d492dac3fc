#include "core/hdf5/hdf5_filters.h"

#include "core/hdf5/hdf5_error.h"
#include "core/hdf5/hdf5_filter_codecs.h"

namespace cs {

namespace {

const char* known_name(int id) {
    switch (id) {
        case kFilterDeflate:
            return "deflate";
        case kFilterShuffle:
            return "shuffle";
        case kFilterFletcher32:
            return "fletcher32";
        case kFilterSzip:
            return "szip";
        case kFilterNbit:
            return "nbit";
        case kFilterScaleOffset:
            return "scaleoffset";
        case kFilterBzip2:
            return "bzip2";
        case kFilterLzf:
            return "lzf";
        case kFilterBlosc:
            return "blosc";
        case kFilterLz4:
            return "lz4";
        default:
            return nullptr;
    }
}

const char* blosc_compressor_name(unsigned code) {
    switch (code) {
        case 0:
            return "blosclz";
        case 1:
            return "lz4";
        case 2:
            return "lz4hc";
        case 3:
            return "snappy";
        case 4:
            return "zlib";
        case 5:
            return "zstd";
        default:
            return "unknown";
    }
}

// Filters that keep the byte count, so a stage just below them in the pipeline knows its
// decoded size exactly.
bool size_preserving(int id) {
    return id == kFilterShuffle;
}

}  // namespace

bool Hdf5Filter::decodable() const {
    switch (id) {
        case kFilterDeflate:
        case kFilterShuffle:
        case kFilterFletcher32:
        case kFilterBzip2:
        case kFilterLzf:
        case kFilterBlosc:
        case kFilterLz4:
            return true;
        default:
            return false;
    }
}

std::string Hdf5Filter::describe() const {
    std::string s = name + "-" + std::to_string(id) + (optional() ? " OPT" : "") + " {";
    for (std::size_t i = 0; i < cd_values.size(); ++i) {
        if (i) s += ", ";
        s += std::to_string(cd_values[i]);
    }
    return s + "}";
}

Json Hdf5Filter::to_json() const {
    Json j = Json::object();
    j["id"] = Json(name);
    j["filter_id"] = Json(id);
    j["optional"] = Json(optional());
    Json cd = Json::array();
    for (unsigned v : cd_values) cd.push_back(Json(v));
    j["cd_values"] = cd;
    auto cd_at = [&](std::size_t i) -> std::optional<unsigned> {
        return i < cd_values.size() ? std::optional<unsigned>(cd_values[i]) : std::nullopt;
    };
    if (id == kFilterDeflate && cd_at(0)) j["level"] = Json(*cd_at(0));
    if (id == kFilterShuffle && cd_at(0)) j["elementsize"] = Json(*cd_at(0));
    if (id == kFilterBzip2 && cd_at(0)) j["blocksize"] = Json(*cd_at(0));
    if (id == kFilterLz4 && cd_at(0)) j["blocksize"] = Json(*cd_at(0));
    if (id == kFilterBlosc) {
        if (cd_at(2)) j["typesize"] = Json(*cd_at(2));
        if (cd_at(4)) j["clevel"] = Json(*cd_at(4));
        if (cd_at(5)) j["shuffle"] = Json(*cd_at(5));
        if (cd_at(6)) j["cname"] = Json(blosc_compressor_name(*cd_at(6)));
    }
    return j;
}

Result<std::vector<Hdf5Filter>> read_filter_pipeline(hid_t dcpl, const std::string& context) {
    std::vector<Hdf5Filter> filters;
    const int count = H5Pget_nfilters(dcpl);
    if (count < 0)
        return std::unexpected(
            hdf5_error(ErrorCode::Corrupt, context, "cannot read the filter pipeline"));
    for (int i = 0; i < count; ++i) {
        Hdf5Filter f;
        std::size_t cd_count = 32;
        f.cd_values.resize(cd_count);
        char name[256] = {};
        const H5Z_filter_t id = H5Pget_filter2(dcpl, static_cast<unsigned>(i), &f.flags, &cd_count,
                                               f.cd_values.data(), sizeof name, name, nullptr);
        if (id < 0)
            return std::unexpected(
                hdf5_error(ErrorCode::Corrupt, context, "cannot read filter " + std::to_string(i)));
        f.id = static_cast<int>(id);
        f.cd_values.resize(std::min<std::size_t>(cd_count, 32));
        const char* ours = known_name(f.id);
        f.name = ours ? ours : (name[0] ? name : "filter");
        filters.push_back(std::move(f));
    }
    return filters;
}

Hdf5FilterPipeline::Hdf5FilterPipeline(std::vector<Hdf5Filter> filters, std::size_t element_size)
    : filters_(std::move(filters)), element_size_(element_size ? element_size : 1) {}

bool Hdf5FilterPipeline::decodable() const {
    return !first_undecodable();
}

std::optional<Hdf5Filter> Hdf5FilterPipeline::first_undecodable() const {
    for (const auto& f : filters_)
        if (!f.decodable()) return f;
    return std::nullopt;
}

Result<Bytes> Hdf5FilterPipeline::decode(Bytes stored, std::uint32_t filter_mask,
                                         std::size_t chunk_nbytes) const {
    Bytes data = std::move(stored);
    for (std::size_t i = filters_.size(); i-- > 0;) {
        if (i < 32 && (filter_mask >> i) & 1u) continue;
        const Hdf5Filter& f = filters_[i];
        // The stage's output size is the chunk size when nothing below it changes sizes.
        bool exact = true;
        for (std::size_t j = 0; j < i; ++j) {
            const bool skipped = j < 32 && ((filter_mask >> j) & 1u);
            if (!skipped && !size_preserving(filters_[j].id)) exact = false;
        }
        const std::optional<std::size_t> expected =
            exact ? std::optional<std::size_t>(chunk_nbytes) : std::nullopt;
        Result<Bytes> next = fail(ErrorCode::Internal, "");
        switch (f.id) {
            case kFilterShuffle: {
                const std::size_t size = f.cd_values.empty() ? element_size_ : f.cd_values[0];
                next = hdf5_unshuffle(data, size ? size : 1);
                break;
            }
            case kFilterDeflate:
                next = hdf5_inflate(data, expected);
                break;
            case kFilterFletcher32:
                next = hdf5_fletcher32_verify(data);
                break;
            case kFilterLzf:
                next = hdf5_lzf_decode(data, expected);
                break;
            case kFilterBlosc:
                next = hdf5_blosc_decode(data, expected);
                break;
            case kFilterBzip2:
                next = hdf5_bzip2_decode(data, expected);
                break;
            case kFilterLz4:
                next = hdf5_lz4_decode(data, expected);
                break;
            default:
                return fail(ErrorCode::Unsupported,
                            "filter " + f.describe() + " is not decoded by chunkscope");
        }
        if (!next) return fail(next.error());
        data = std::move(*next);
    }
    if (data.size() != chunk_nbytes)
        return fail(ErrorCode::Corrupt, "chunk decodes to " + std::to_string(data.size()) +
                                            " bytes, expected " + std::to_string(chunk_nbytes));
    return data;
}

Result<Bytes> Hdf5FilterPipeline::encode(ByteSpan elements) const {
    Bytes data = copy_bytes(elements);
    for (const auto& f : filters_) {
        switch (f.id) {
            case kFilterShuffle:
                data = hdf5_shuffle(data, element_size_);
                break;
            case kFilterDeflate: {
                CS_ASSIGN_OR_RETURN(
                    data,
                    hdf5_deflate(data, f.cd_values.empty() ? 6 : static_cast<int>(f.cd_values[0])));
                break;
            }
            case kFilterFletcher32:
                data = hdf5_fletcher32_append(data);
                break;
            default:
                return fail(ErrorCode::Unsupported,
                            "filter " + f.describe() + " cannot be encoded by chunkscope");
        }
    }
    return data;
}

}  // namespace cs
