#include "core/codec/lzma_filters.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

namespace cs {
namespace {

Error bad_spec(std::size_t index, const std::string& why) {
    return Error{ErrorCode::InvalidArgument,
                 "lzma codec: filters[" + std::to_string(index) + "]: " + why};
}

// The unsigned 32-bit member `key` of a specifier, if present.
Result<bool> read_u32(const Json& spec, std::size_t index, std::string_view key,
                      std::uint32_t& out) {
    const Json* v = spec.find(key);
    if (v == nullptr) return false;
    if (!v->is_int() || v->as_int() < 0 || v->as_uint() > 0xffffffffu) {
        return fail(
            bad_spec(index, "'" + std::string(key) + "' must be an unsigned 32-bit integer"));
    }
    out = static_cast<std::uint32_t>(v->as_uint());
    return true;
}

Result<void> check_spec_keys(const Json& spec, std::size_t index,
                             std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : spec.as_object()) {
        if (key == "id") continue;
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            return fail(bad_spec(index, "unknown key '" + key + "' for this filter"));
        }
    }
    return {};
}

Result<std::shared_ptr<void>> lzma_options(const Json& spec, std::size_t index) {
    CS_RETURN_IF_ERROR(check_spec_keys(
        spec, index, {"preset", "dict_size", "lc", "lp", "pb", "mode", "nice_len", "mf", "depth"}));
    auto options = std::make_shared<lzma_options_lzma>();
    std::uint32_t preset = LZMA_PRESET_DEFAULT;
    CS_RETURN_IF_ERROR(read_u32(spec, index, "preset", preset));
    if (lzma_lzma_preset(options.get(), preset)) {
        return fail(bad_spec(index, "invalid compression preset " + std::to_string(preset)));
    }
    std::uint32_t v = 0;
    CS_ASSIGN_OR_RETURN(bool has, read_u32(spec, index, "dict_size", v));
    if (has) options->dict_size = v;
    CS_ASSIGN_OR_RETURN(has, read_u32(spec, index, "lc", v));
    if (has) options->lc = v;
    CS_ASSIGN_OR_RETURN(has, read_u32(spec, index, "lp", v));
    if (has) options->lp = v;
    CS_ASSIGN_OR_RETURN(has, read_u32(spec, index, "pb", v));
    if (has) options->pb = v;
    CS_ASSIGN_OR_RETURN(has, read_u32(spec, index, "mode", v));
    if (has) options->mode = static_cast<lzma_mode>(v);
    CS_ASSIGN_OR_RETURN(has, read_u32(spec, index, "nice_len", v));
    if (has) options->nice_len = v;
    CS_ASSIGN_OR_RETURN(has, read_u32(spec, index, "mf", v));
    if (has) options->mf = static_cast<lzma_match_finder>(v);
    CS_ASSIGN_OR_RETURN(has, read_u32(spec, index, "depth", v));
    if (has) options->depth = v;
    return std::shared_ptr<void>(options);
}

}  // namespace

Result<LzmaFilterChain> LzmaFilterChain::parse(const Json& specs) {
    if (!specs.is_array() || specs.size() == 0 || specs.size() > LZMA_FILTERS_MAX) {
        return fail(ErrorCode::InvalidArgument,
                    "lzma codec: 'filters' must be a list of 1 to 4 filter specifiers");
    }
    LzmaFilterChain chain;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const Json& spec = specs.as_array()[i];
        const Json* id = spec.find("id");
        if (!spec.is_object() || id == nullptr || !id->is_int() || id->as_int() < 0) {
            return fail(bad_spec(i, "must be an object with an integer \"id\""));
        }
        const lzma_vli filter_id = id->as_uint();
        std::shared_ptr<void> options;
        if (filter_id == LZMA_FILTER_LZMA1 || filter_id == LZMA_FILTER_LZMA2) {
            CS_ASSIGN_OR_RETURN(options, lzma_options(spec, i));
        } else if (filter_id == LZMA_FILTER_DELTA) {
            CS_RETURN_IF_ERROR(check_spec_keys(spec, i, {"dist"}));
            auto delta = std::make_shared<lzma_options_delta>();
            delta->type = LZMA_DELTA_TYPE_BYTE;
            std::uint32_t dist = 1;
            CS_RETURN_IF_ERROR(read_u32(spec, i, "dist", dist));
            delta->dist = dist;
            options = delta;
        } else if (filter_id == LZMA_FILTER_X86 || filter_id == LZMA_FILTER_POWERPC ||
                   filter_id == LZMA_FILTER_IA64 || filter_id == LZMA_FILTER_ARM ||
                   filter_id == LZMA_FILTER_ARMTHUMB || filter_id == LZMA_FILTER_SPARC) {
            CS_RETURN_IF_ERROR(check_spec_keys(spec, i, {"start_offset"}));
            auto bcj = std::make_shared<lzma_options_bcj>();
            std::uint32_t start = 0;
            CS_RETURN_IF_ERROR(read_u32(spec, i, "start_offset", start));
            bcj->start_offset = start;
            options = bcj;
        } else {
            return fail(bad_spec(i, "unsupported filter id " + std::to_string(filter_id)));
        }
        chain.filters_.push_back(lzma_filter{filter_id, options.get()});
        chain.options_.push_back(std::move(options));
    }
    chain.filters_.push_back(lzma_filter{LZMA_VLI_UNKNOWN, nullptr});
    return chain;
}

}  // namespace cs
