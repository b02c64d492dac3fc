// numcodecs' LZMA: Python's lzma.compress(data, format, check, preset, filters) and
// lzma.decompress. Supported: FORMAT_XZ (1, the default), FORMAT_ALONE (2) and FORMAT_RAW (3)
// for encoding and decoding, FORMAT_AUTO (0) for decoding only (Python cannot encode it either);
// filter chains of LZMA1, LZMA2, delta and the BCJ filters.
// Differences from Python: decoding an XZ stream with `filters` set works here (Python refuses
// filters for any format but RAW, so numcodecs cannot decode what it encoded that way); several
// concatenated .lzma (ALONE) streams decode only the first; decoding refuses streams that need
// more than kLzmaMemoryLimit (128 MiB) of memory, where Python sets no limit: custom filter
// chains with a dictionary above about 120 MiB do not decode here.
#include <lzma.h>

#include <optional>

#include "core/codec/codec_config.h"
#include "core/codec/codec_factories.h"
#include "core/codec/decode_output.h"
#include "core/codec/lzma_filters.h"

namespace cs {
namespace {

constexpr std::int64_t kFormatAuto = 0;
constexpr std::int64_t kFormatXz = 1;
constexpr std::int64_t kFormatAlone = 2;
constexpr std::int64_t kFormatRaw = 3;
// What a decoder may allocate, mostly the dictionary the header asks for. Every preset up to 9e
// needs under 70 MiB; a corrupt header must not make us allocate gigabytes.
constexpr std::uint64_t kLzmaMemoryLimit = std::uint64_t{128} << 20;

struct LzmaStream {
    lzma_stream s = LZMA_STREAM_INIT;
    ~LzmaStream() { lzma_end(&s); }
};

std::string lzma_message(lzma_ret rc) {
    switch (rc) {
        case LZMA_MEM_ERROR:
            return "out of memory";
        case LZMA_MEMLIMIT_ERROR:
            return "the header asks for more memory than the 128 MiB limit";
        case LZMA_FORMAT_ERROR:
            return "not in the expected container format";
        case LZMA_OPTIONS_ERROR:
            return "unsupported options in the header";
        case LZMA_DATA_ERROR:
            return "data is corrupt";
        case LZMA_BUF_ERROR:
            return "data is truncated";
        case LZMA_UNSUPPORTED_CHECK:
            return "unsupported integrity check";
        default:
            return "liblzma error " + std::to_string(static_cast<int>(rc));
    }
}

class LzmaCodec final : public Codec {
public:
    LzmaCodec(std::int64_t format, std::int64_t check, std::optional<std::uint32_t> preset,
              Json filter_specs, std::optional<LzmaFilterChain> chain)
        : format_(format),
          check_(check),
          preset_(preset),
          filter_specs_(std::move(filter_specs)),
          chain_(std::move(chain)) {}

    std::string id() const override { return "lzma"; }

    Json config() const override {
        return Json(Json::Object{{"id", "lzma"},
                                 {"format", format_},
                                 {"check", check_},
                                 {"preset", preset_ ? Json(*preset_) : Json()},
                                 {"filters", filter_specs_}});
    }

    Result<Bytes> encode(ByteSpan input) const override {
        LzmaStream stream;
        CS_RETURN_IF_ERROR(start_encoder(stream.s));
        Bytes out;
        out.resize(lzma_stream_buffer_bound(input.size()));
        stream.s.next_in = input.data();
        stream.s.avail_in = input.size();
        std::size_t out_pos = 0;
        for (;;) {
            if (out_pos == out.size()) out.resize(out.size() * 2);
            stream.s.next_out = out.data() + out_pos;
            stream.s.avail_out = out.size() - out_pos;
            const lzma_ret rc = lzma_code(&stream.s, LZMA_FINISH);
            out_pos = out.size() - stream.s.avail_out;
            if (rc == LZMA_STREAM_END) break;
            if (rc != LZMA_OK) {
                return fail(ErrorCode::Internal, "lzma: compression failed: " + lzma_message(rc));
            }
        }
        out.resize(out_pos);
        return out;
    }

    Result<Bytes> decode(ByteSpan input, std::optional<std::size_t> expected) const override {
        LzmaStream stream;
        lzma_ret rc = LZMA_OK;
        if (format_ == kFormatXz) {
            rc = lzma_stream_decoder(&stream.s, kLzmaMemoryLimit, LZMA_CONCATENATED);
        } else if (format_ == kFormatAuto) {
            rc = lzma_auto_decoder(&stream.s, kLzmaMemoryLimit, LZMA_CONCATENATED);
        } else if (format_ == kFormatAlone) {
            rc = lzma_alone_decoder(&stream.s, kLzmaMemoryLimit);
        } else {
            rc = lzma_raw_decoder(&stream.s, chain_->filters());
        }
        if (rc != LZMA_OK) {
            return fail(ErrorCode::Internal, "lzma: cannot start the decoder: " + lzma_message(rc));
        }
        DecodeOutput out("lzma", expected, input.size());
        stream.s.next_in = input.data();
        stream.s.avail_in = input.size();
        for (;;) {
            CS_ASSIGN_OR_RETURN(MutableByteSpan space, out.space());
            stream.s.next_out = space.data();
            stream.s.avail_out = space.size();
            const std::size_t in_before = stream.s.avail_in;
            rc = lzma_code(&stream.s, LZMA_FINISH);
            const std::size_t produced = space.size() - stream.s.avail_out;
            CS_RETURN_IF_ERROR(out.commit(produced));
            if (rc == LZMA_STREAM_END) break;
            if (rc == LZMA_MEM_ERROR) return fail(ErrorCode::Internal, "lzma: out of memory");
            if (rc != LZMA_OK ||
                (produced == 0 && in_before == stream.s.avail_in && stream.s.avail_in == 0)) {
                return fail(ErrorCode::Corrupt,
                            "lzma: " + lzma_message(rc == LZMA_OK ? LZMA_BUF_ERROR : rc));
            }
        }
        return std::move(out).finish();
    }

private:
    Result<void> start_encoder(lzma_stream& s) const {
        const std::uint32_t preset = preset_.value_or(LZMA_PRESET_DEFAULT);
        lzma_ret rc = LZMA_OK;
        if (format_ == kFormatXz) {
            const auto check = check_ == -1 ? LZMA_CHECK_CRC64 : static_cast<lzma_check>(check_);
            rc = chain_ ? lzma_stream_encoder(&s, chain_->filters(), check)
                        : lzma_easy_encoder(&s, preset, check);
        } else if (format_ == kFormatAlone) {
            lzma_options_lzma options{};
            if (chain_) {
                options = *static_cast<const lzma_options_lzma*>(chain_->filters()[0].options);
            } else {
                lzma_lzma_preset(&options, preset);
            }
            rc = lzma_alone_encoder(&s, &options);
        } else if (format_ == kFormatRaw) {
            rc = lzma_raw_encoder(&s, chain_->filters());
        } else {
            return fail(ErrorCode::InvalidArgument,
                        "lzma: cannot encode with format 0 (FORMAT_AUTO); it only decodes");
        }
        if (rc != LZMA_OK) {
            return fail(ErrorCode::InvalidArgument,
                        "lzma: cannot start the encoder: " + lzma_message(rc));
        }
        return {};
    }

    std::int64_t format_;
    std::int64_t check_;
    std::optional<std::uint32_t> preset_;
    Json filter_specs_;
    std::optional<LzmaFilterChain> chain_;
};

}  // namespace

Result<std::unique_ptr<Codec>> codec_factories::make_lzma(const Json& config, std::size_t) {
    using namespace codec_config;
    CS_RETURN_IF_ERROR(check_keys(config, "lzma", {"format", "check", "preset", "filters"}));
    CS_ASSIGN_OR_RETURN(std::int64_t format, get_int(config, "lzma", "format", 1, 0, 3));
    CS_ASSIGN_OR_RETURN(std::int64_t check, get_int(config, "lzma", "check", -1, -1, 15));
    if (check != -1 && !lzma_check_is_supported(static_cast<lzma_check>(check))) {
        return fail(ErrorCode::InvalidArgument,
                    "lzma codec: unsupported check " + std::to_string(check));
    }
    if (format != kFormatXz && check != -1 && check != LZMA_CHECK_NONE) {
        return fail(ErrorCode::InvalidArgument,
                    "lzma codec: integrity checks are only supported by FORMAT_XZ (1)");
    }
    std::optional<std::uint32_t> preset;
    const Json* preset_json = config.find("preset");
    if (preset_json != nullptr && !preset_json->is_null()) {
        CS_ASSIGN_OR_RETURN(std::int64_t p, get_int(config, "lzma", "preset", 6, 0, 0xffffffff));
        lzma_options_lzma probe{};
        if (lzma_lzma_preset(&probe, static_cast<std::uint32_t>(p))) {
            return fail(ErrorCode::InvalidArgument,
                        "lzma codec: invalid compression preset " + std::to_string(p));
        }
        preset = static_cast<std::uint32_t>(p);
    }
    Json filter_specs;
    std::optional<LzmaFilterChain> chain;
    const Json* filters_json = config.find("filters");
    if (filters_json != nullptr && !filters_json->is_null()) {
        if (preset) {
            return fail(ErrorCode::InvalidArgument,
                        "lzma codec: cannot specify both 'preset' and 'filters'");
        }
        CS_ASSIGN_OR_RETURN(chain, LzmaFilterChain::parse(*filters_json));
        filter_specs = *filters_json;
        if (format == kFormatAlone &&
            (chain->count() != 1 || chain->filters()[0].id != LZMA_FILTER_LZMA1)) {
            return fail(ErrorCode::InvalidArgument,
                        "lzma codec: FORMAT_ALONE needs a single LZMA1 filter");
        }
    } else if (format == kFormatRaw) {
        return fail(ErrorCode::InvalidArgument, "lzma codec: FORMAT_RAW (3) needs 'filters'");
    }
    return std::make_unique<LzmaCodec>(format, check, preset, std::move(filter_specs),
                                       std::move(chain));
}

}  // namespace cs
