// The codec registry: an explicit table from numcodecs id to factory (see codec_factories.h for
// why it is not self-registration).
#include <algorithm>
#include <array>
#include <string_view>

#include "core/codec/codec.h"
#include "core/codec/codec_factories.h"

namespace cs {
namespace {

struct RegistryEntry {
    std::string_view id;
    codec_factories::Factory make;
};

// Sorted by id, so registered_codec_ids() is this table in order.
constexpr std::array kRegistry{
    RegistryEntry{"blosc", &codec_factories::make_blosc},
    RegistryEntry{"bz2", &codec_factories::make_bz2},
    RegistryEntry{"delta", &codec_factories::make_delta},
    RegistryEntry{"gzip", &codec_factories::make_gzip},
    RegistryEntry{"lz4", &codec_factories::make_lz4},
    RegistryEntry{"lzma", &codec_factories::make_lzma},
    RegistryEntry{"zlib", &codec_factories::make_zlib},
    RegistryEntry{"zstd", &codec_factories::make_zstd},
};

std::string known_ids() {
    std::string list;
    for (const auto& entry : kRegistry) {
        if (!list.empty()) list += ", ";
        list += entry.id;
    }
    return list;
}

}  // namespace

Result<std::unique_ptr<Codec>> make_codec(const Json& config, std::size_t element_size) {
    if (!config.is_object()) {
        return fail(ErrorCode::InvalidArgument, "codec config must be a JSON object");
    }
    const Json* id = config.find("id");
    if (id == nullptr || !id->is_string()) {
        return fail(ErrorCode::InvalidArgument, "codec config has no string \"id\"");
    }
    if (element_size == 0) {
        return fail(ErrorCode::InvalidArgument,
                    "codec '" + id->as_string() + "': element size must be at least 1");
    }
    const auto it = std::find_if(kRegistry.begin(), kRegistry.end(),
                                 [&](const RegistryEntry& e) { return e.id == id->as_string(); });
    if (it == kRegistry.end()) {
        return fail(ErrorCode::Unsupported, "unknown codec id '" + id->as_string() +
                                                "' (chunkscope supports: " + known_ids() + ")");
    }
    return it->make(config, element_size);
}

std::vector<std::string> registered_codec_ids() {
    std::vector<std::string> ids;
    for (const auto& entry : kRegistry) ids.emplace_back(entry.id);
    return ids;
}

}  // namespace cs
