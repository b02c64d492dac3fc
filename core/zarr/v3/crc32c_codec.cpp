#include "core/zarr/v3/crc32c_codec.h"

#include <cstdio>

#include "core/zarr/v3/crc32c.h"

namespace cs::zarr3 {

Json named_config(const char* name, Json configuration) {
    Json out = Json::object();
    out["name"] = Json(name);
    if (!configuration.is_null()) out["configuration"] = std::move(configuration);
    return out;
}

Result<Bytes> Crc32cCodec::encode(Bytes input) const {
    const std::uint32_t crc = crc32c(input);
    for (int i = 0; i < 4; ++i) input.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));
    return input;
}

Result<Bytes> Crc32cCodec::decode(Bytes input, std::optional<std::size_t>) const {
    if (input.size() < 4)
        return fail(ErrorCode::Corrupt, "crc32c codec: " + std::to_string(input.size()) +
                                            " bytes cannot hold a 4-byte checksum");
    const std::size_t n = input.size() - 4;
    std::uint32_t stored = 0;
    for (int i = 0; i < 4; ++i) stored |= std::uint32_t{input[n + i]} << (8 * i);
    const std::uint32_t actual = crc32c(ByteSpan(input.data(), n));
    if (stored != actual) {
        char msg[96];
        std::snprintf(msg, sizeof msg, "crc32c mismatch: stored 0x%08x, computed 0x%08x", stored,
                      actual);
        return fail(ErrorCode::Corrupt, msg);
    }
    input.resize(n);
    return input;
}

}  // namespace cs::zarr3
