#include "core/engine/ops/scalar_dispatch.h"
#include "core/util/half_float.h"

namespace cs::engine {

float Half::to_float(std::uint16_t h) {
    return half_to_float(h);
}

std::uint16_t Half::from_float(float f) {
    return float_to_half(f);
}

}  // namespace cs::engine
