// numcodecs' Delta filter: encode keeps the first element and stores each later one as its
// difference from the one before, computed in `dtype` and cast to `astype`; decode is the running
// sum computed in `dtype` (np.cumsum(enc, out=dec)). Integers wrap around as NumPy's do.
// Casts follow NumPy's C casts: integers truncate to the target width, floats truncate towards
// zero; a float that is NaN or out of the target's range (undefined in C, so only "whatever the
// machine does" in NumPy) becomes INT64_MIN truncated to the target, as x86-64 gives for most.
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <variant>

#include "core/codec/codec_config.h"
#include "core/codec/codec_factories.h"
#include "core/codec/delta_dtype.h"
#include "core/util/half_float.h"

namespace cs {
namespace {

struct Half {
    std::uint16_t bits;
};

template <class T>
using StorageOf = std::conditional_t<
    sizeof(T) == 1, std::uint8_t,
    std::conditional_t<sizeof(T) == 2, std::uint16_t,
                       std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>>;

template <class T>
T load(const std::uint8_t* p, bool big) {
    StorageOf<T> raw;
    std::memcpy(&raw, p, sizeof raw);
    if (big) raw = std::byteswap(raw);
    return std::bit_cast<T>(raw);
}

template <class T>
void store(std::uint8_t* p, T value, bool big) {
    auto raw = std::bit_cast<StorageOf<T>>(value);
    if (big) raw = std::byteswap(raw);
    std::memcpy(p, &raw, sizeof raw);
}

// Integer arithmetic in the unsigned type of the same width: wraps like NumPy, no UB.
template <class T>
T subtract(T a, T b) {
    if constexpr (std::is_same_v<T, Half>) {
        return Half{float_to_half(half_to_float(a.bits) - half_to_float(b.bits))};
    } else if constexpr (std::is_floating_point_v<T>) {
        return a - b;
    } else {
        using U = std::make_unsigned_t<T>;
        return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
    }
}

template <class T>
T add(T a, T b) {
    if constexpr (std::is_same_v<T, Half>) {
        return Half{float_to_half(half_to_float(a.bits) + half_to_float(b.bits))};
    } else if constexpr (std::is_floating_point_v<T>) {
        return a + b;
    } else {
        using U = std::make_unsigned_t<T>;
        return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
    }
}

template <class To>
To float_to_int(double v) {
    constexpr double kTwo63 = 9223372036854775808.0;
    if constexpr (std::is_same_v<To, std::uint64_t>) {
        if (v >= 0 && v < 2 * kTwo63) return static_cast<std::uint64_t>(v);
    }
    if (std::isnan(v) || v < -kTwo63 || v >= kTwo63) {
        return static_cast<To>(std::numeric_limits<std::int64_t>::min());
    }
    return static_cast<To>(static_cast<std::int64_t>(v));
}

template <class To, class From>
To numpy_cast(From v) {
    if constexpr (std::is_same_v<From, Half>) {
        return numpy_cast<To>(half_to_float(v.bits));
    } else if constexpr (std::is_same_v<To, Half>) {
        return Half{float_to_half(static_cast<float>(v))};
    } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
        return float_to_int<To>(static_cast<double>(v));
    } else {
        return static_cast<To>(v);
    }
}

template <class D, class A>
void encode_typed(const std::uint8_t* in, std::uint8_t* out, std::size_t n, bool d_big,
                  bool a_big) {
    D previous{};
    for (std::size_t i = 0; i < n; ++i) {
        const D current = load<D>(in + i * sizeof(D), d_big);
        const D diff = i == 0 ? current : subtract(current, previous);
        store<A>(out + i * sizeof(A), numpy_cast<A>(diff), a_big);
        previous = current;
    }
}

template <class D, class A>
void decode_typed(const std::uint8_t* in, std::uint8_t* out, std::size_t n, bool d_big,
                  bool a_big) {
    D sum{};
    for (std::size_t i = 0; i < n; ++i) {
        const D value = numpy_cast<D>(load<A>(in + i * sizeof(A), a_big));
        sum = i == 0 ? value : add(sum, value);
        store<D>(out + i * sizeof(D), sum, d_big);
    }
}

// NumPy's cumsum(enc, out=dec) adds in promote(dtype, astype). When that is a float type other
// than dtype (astype float64 for dtype float32, or a float astype for an integer dtype), the
// running sum keeps that precision between elements, so it is tracked here in a double rounded
// to the loop's type after every step, and each element is cast to dtype on output.
template <class T>
double to_double(T v) {
    if constexpr (std::is_same_v<T, Half>) {
        return half_to_float(v.bits);
    } else {
        return static_cast<double>(v);
    }
}

double round_to(DeltaScalar loop, double v) {
    if (loop == DeltaScalar::F32) return static_cast<float>(v);
    if (loop == DeltaScalar::F16) return half_to_float(float_to_half(static_cast<float>(v)));
    return v;
}

template <class D, class A>
void decode_float_loop(const std::uint8_t* in, std::uint8_t* out, std::size_t n, bool d_big,
                       bool a_big, DeltaScalar loop) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double value = round_to(loop, to_double(load<A>(in + i * sizeof(A), a_big)));
        sum = i == 0 ? value : round_to(loop, sum + value);
        store<D>(out + i * sizeof(D), numpy_cast<D>(sum), d_big);
    }
}

using ScalarTag =
    std::variant<std::type_identity<std::int8_t>, std::type_identity<std::int16_t>,
                 std::type_identity<std::int32_t>, std::type_identity<std::int64_t>,
                 std::type_identity<std::uint8_t>, std::type_identity<std::uint16_t>,
                 std::type_identity<std::uint32_t>, std::type_identity<std::uint64_t>,
                 std::type_identity<Half>, std::type_identity<float>, std::type_identity<double>>;

ScalarTag tag_of(DeltaScalar s) {
    switch (s) {
        case DeltaScalar::I8:
            return std::type_identity<std::int8_t>{};
        case DeltaScalar::I16:
            return std::type_identity<std::int16_t>{};
        case DeltaScalar::I32:
            return std::type_identity<std::int32_t>{};
        case DeltaScalar::I64:
            return std::type_identity<std::int64_t>{};
        case DeltaScalar::U8:
            return std::type_identity<std::uint8_t>{};
        case DeltaScalar::U16:
            return std::type_identity<std::uint16_t>{};
        case DeltaScalar::U32:
            return std::type_identity<std::uint32_t>{};
        case DeltaScalar::U64:
            return std::type_identity<std::uint64_t>{};
        case DeltaScalar::F16:
            return std::type_identity<Half>{};
        case DeltaScalar::F32:
            return std::type_identity<float>{};
        case DeltaScalar::F64:
            return std::type_identity<double>{};
    }
    return std::type_identity<std::uint8_t>{};
}

class DeltaCodec final : public Codec {
public:
    DeltaCodec(DeltaDType dtype, DeltaDType astype) : dtype_(dtype), astype_(astype) {}

    std::string id() const override { return "delta"; }

    Json config() const override {
        return Json(
            Json::Object{{"id", "delta"}, {"dtype", dtype_.str()}, {"astype", astype_.str()}});
    }

    std::optional<std::size_t> encoded_size(std::size_t decoded_size) const override {
        return decoded_size / dtype_.size * astype_.size;
    }

    Result<Bytes> encode(ByteSpan input) const override {
        if (input.size() % dtype_.size != 0) {
            return fail(ErrorCode::InvalidArgument,
                        "delta: input of " + std::to_string(input.size()) +
                            " bytes is not a whole number of " + dtype_.str() + " elements");
        }
        const std::size_t n = input.size() / dtype_.size;
        Bytes out;
        out.resize(n * astype_.size);
        std::visit(
            [&](auto d, auto a) {
                encode_typed<typename decltype(d)::type, typename decltype(a)::type>(
                    input.data(), out.data(), n, dtype_.big_endian, astype_.big_endian);
            },
            tag_of(dtype_.scalar), tag_of(astype_.scalar));
        return out;
    }

    Result<Bytes> decode(ByteSpan input, std::optional<std::size_t> expected) const override {
        if (input.size() % astype_.size != 0) {
            return fail(ErrorCode::Corrupt, "delta: data of " + std::to_string(input.size()) +
                                                " bytes is not a whole number of " + astype_.str() +
                                                " elements");
        }
        const std::size_t n = input.size() / astype_.size;
        if (expected && *expected != n * dtype_.size) {
            return fail(ErrorCode::Corrupt, "delta: data holds " + std::to_string(n) +
                                                " elements, " + std::to_string(n * dtype_.size) +
                                                " bytes decoded, expected " +
                                                std::to_string(*expected));
        }
        if (!expected && n * dtype_.size > kMaxDecodedSize) {
            return fail(ErrorCode::Corrupt, "delta: data would decode to more than the limit of " +
                                                std::to_string(kMaxDecodedSize) + " bytes");
        }
        Bytes out;
        out.resize(n * dtype_.size);
        const DeltaScalar loop = promote(dtype_.scalar, astype_.scalar);
        const bool float_loop = is_float(loop) && loop != dtype_.scalar;
        std::visit(
            [&](auto d, auto a) {
                using D = typename decltype(d)::type;
                using A = typename decltype(a)::type;
                if (float_loop) {
                    decode_float_loop<D, A>(input.data(), out.data(), n, dtype_.big_endian,
                                            astype_.big_endian, loop);
                } else {
                    decode_typed<D, A>(input.data(), out.data(), n, dtype_.big_endian,
                                       astype_.big_endian);
                }
            },
            tag_of(dtype_.scalar), tag_of(astype_.scalar));
        return out;
    }

private:
    DeltaDType dtype_;
    DeltaDType astype_;
};

}  // namespace

Result<std::unique_ptr<Codec>> codec_factories::make_delta(const Json& config, std::size_t) {
    using namespace codec_config;
    CS_RETURN_IF_ERROR(check_keys(config, "delta", {"dtype", "astype"}));
    const Json* dtype_json = config.find("dtype");
    if (dtype_json == nullptr) {
        return fail(ErrorCode::InvalidArgument, "delta codec: 'dtype' is required");
    }
    CS_ASSIGN_OR_RETURN(std::string dtype_text, get_string(config, "delta", "dtype", ""));
    CS_ASSIGN_OR_RETURN(DeltaDType dtype, DeltaDType::parse(dtype_text, "dtype"));
    DeltaDType astype = dtype;
    const Json* astype_json = config.find("astype");
    if (astype_json != nullptr && !astype_json->is_null()) {
        CS_ASSIGN_OR_RETURN(std::string astype_text, get_string(config, "delta", "astype", ""));
        CS_ASSIGN_OR_RETURN(astype, DeltaDType::parse(astype_text, "astype"));
    }
    return std::make_unique<DeltaCodec>(dtype, astype);
}

}  // namespace cs
