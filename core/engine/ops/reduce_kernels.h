// The arithmetic of reductions: a Partial holds one output block's running state; kernels fold
// one chunk's values into it, merge two partials, and turn a finished partial into result
// elements. Templates over the element type T, instantiated through dispatch_scalar().
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <vector>

#include "core/engine/ops/reduce.h"
#include "core/engine/ops/row_iterator.h"
#include "core/engine/ops/scalar_dispatch.h"

namespace cs::engine {

// One output block's state. Which vectors are used depends on the op and the accumulator type:
// sums/min/max in `i` (signed), `u` (unsigned) or `d` (floating); count and bincount in `i`;
// var/std keep the mean in `d` and the squared deviations in `m2`.
struct Partial {
    std::uint64_t n = 0;  // values folded into each output element so far
    std::vector<std::int64_t> i;
    std::vector<std::uint64_t> u;
    std::vector<double> d;
    std::vector<double> m2;
};

// Chan's parallel merge of (n, mean, M2) for var/std; sets into.n to the combined count.
void merge_moments(Partial& into, const Partial& from);

template <class T>
inline T load_element(const std::uint8_t* base, std::uint64_t index) {
    T v;
    std::memcpy(&v, base + index * sizeof(T), sizeof(T));
    return v;
}

template <class Acc>
std::vector<Acc>& acc_vector(Partial& p) {
    if constexpr (std::is_same_v<Acc, std::int64_t>)
        return p.i;
    else if constexpr (std::is_same_v<Acc, std::uint64_t>)
        return p.u;
    else
        return p.d;
}

template <class Acc>
const std::vector<Acc>& acc_vector(const Partial& p) {
    return acc_vector<Acc>(const_cast<Partial&>(p));
}

template <class Acc>
Acc min_identity() {
    return std::numeric_limits<Acc>::has_infinity ? std::numeric_limits<Acc>::infinity()
                                                  : std::numeric_limits<Acc>::max();
}
template <class Acc>
Acc max_identity() {
    return std::numeric_limits<Acc>::has_infinity ? -std::numeric_limits<Acc>::infinity()
                                                  : std::numeric_limits<Acc>::lowest();
}
// NaN is sticky: once the running value is NaN it stays NaN, and a NaN value replaces it.
template <class Acc>
inline Acc take_min(Acc a, Acc v) {
    if constexpr (std::is_floating_point_v<Acc>)
        return (v < a || std::isnan(v)) ? v : a;
    else
        return v < a ? v : a;
}
template <class Acc>
inline Acc take_max(Acc a, Acc v) {
    if constexpr (std::is_floating_point_v<Acc>)
        return (v > a || std::isnan(v)) ? v : a;
    else
        return v > a ? v : a;
}

// bincount of one row of bytes into a few bins, 16 bytes at a time: each bin keeps 16 byte-wide
// counters (a compare gives -1 in matching lanes, subtracting it counts), emptied into the 64-bit
// totals every 255 steps before they can wrap. The allele-count workload spends its compute here.
using ByteVector = std::int8_t __attribute__((vector_size(16)));

// Short rows (an HDF5 chunk of (6553, 10, 2) gives rows of 20 bytes) and the tail of long ones:
// eight byte-wide counters packed in one 64-bit word. kPackedBinOne[v] has a 1 in byte v for
// v < 8 and is 0 otherwise (negative values, 8 and up), so counting a value is one table load and
// one add, not a compare per bin; the word is emptied every 255 values, before a byte can wrap.
inline constexpr auto kPackedBinOne = [] {
    std::array<std::uint64_t, 256> t{};
    for (unsigned v = 0; v < 8; ++v) t[v] = std::uint64_t{1} << (8 * v);
    return t;
}();

template <unsigned Bins>
inline void count_bins_scalar(const std::int8_t* p, std::uint64_t len, std::int64_t* row) {
    static_assert(Bins >= 1 && Bins <= 8);
    std::uint64_t j = 0;
    while (j < len) {
        const std::uint64_t end = std::min<std::uint64_t>(len, j + 255);
        // Two words, so consecutive adds do not wait on each other.
        std::uint64_t a = 0, b = 0;
        for (; j + 2 <= end; j += 2) {
            a += kPackedBinOne[static_cast<std::uint8_t>(p[j])];
            b += kPackedBinOne[static_cast<std::uint8_t>(p[j + 1])];
        }
        if (j < end) a += kPackedBinOne[static_cast<std::uint8_t>(p[j++])];
        // a and b each counted at most 128 values per bin: their byte lanes add without carry.
        const std::uint64_t counts = a + b;
        for (unsigned v = 0; v < Bins; ++v)
            row[v] += static_cast<std::int64_t>((counts >> (8 * v)) & 0xff);
    }
}

template <unsigned Bins>
inline void count_bins_fixed(const std::int8_t* p, std::uint64_t len, std::int64_t* row) {
    if (len < 64) {  // too short to pay for the vector counters' horizontal sums
        count_bins_scalar<Bins>(p, len, row);
        return;
    }
    std::uint64_t j = 0;
    while (j + 16 <= len) {
        ByteVector acc[Bins] = {};
        const std::uint64_t end = std::min<std::uint64_t>(len, j + 16 * 255);
        for (; j + 16 <= end; j += 16) {
            ByteVector x;
            std::memcpy(&x, p + j, 16);
            for (unsigned v = 0; v < Bins; ++v) acc[v] -= (x == static_cast<std::int8_t>(v));
        }
        for (unsigned v = 0; v < Bins; ++v) {
            std::uint8_t lanes[16];
            std::memcpy(lanes, &acc[v], 16);
            for (unsigned k = 0; k < 16; ++k) row[v] += lanes[k];
        }
    }
    count_bins_scalar<Bins>(p + j, len - j, row);
}

// Values 0..bins-1 of single-byte data (int8, uint8, bool) for bins <= 8.
inline void count_small_bins(const std::int8_t* p, std::uint64_t len, std::int64_t* row,
                             std::uint32_t bins) {
    switch (bins) {
        case 1:
            count_bins_fixed<1>(p, len, row);
            break;
        case 2:
            count_bins_fixed<2>(p, len, row);
            break;
        case 3:
            count_bins_fixed<3>(p, len, row);
            break;
        case 4:
            count_bins_fixed<4>(p, len, row);
            break;
        case 5:
            count_bins_fixed<5>(p, len, row);
            break;
        case 6:
            count_bins_fixed<6>(p, len, row);
            break;
        case 7:
            count_bins_fixed<7>(p, len, row);
            break;
        default:
            count_bins_fixed<8>(p, len, row);
            break;
    }
}

// Sets up an empty partial for `elements` output elements.
template <class T>
void init_partial(ReduceOp op, std::size_t elements, std::uint32_t bins, Partial& p) {
    using Acc = AccumulatorOf<T>;
    switch (op) {
        case ReduceOp::Sum:
        case ReduceOp::Mean:
            acc_vector<Acc>(p).assign(elements, Acc{});
            break;
        case ReduceOp::Min:
            acc_vector<Acc>(p).assign(elements, min_identity<Acc>());
            break;
        case ReduceOp::Max:
            acc_vector<Acc>(p).assign(elements, max_identity<Acc>());
            break;
        case ReduceOp::Var:
        case ReduceOp::Std:
            p.d.assign(elements, 0.0);
            p.m2.assign(elements, 0.0);
            break;
        case ReduceOp::Count:
            p.i.assign(elements, 0);
            break;
        case ReduceOp::Bincount:
            p.i.assign(elements * bins, 0);
            break;
    }
}

// Folds the values of one chunk (`data`, element type T, laid out as `layout` says) into `p`,
// an initialised partial of `elements` output elements. `per_element`: values of this chunk
// per output element.
template <class T>
void fold_chunk(ReduceOp op, const std::uint8_t* data, const RowLayout& layout, Partial& p,
                std::uint32_t bins, std::optional<double> fill, std::uint64_t per_element) {
    using Acc = AccumulatorOf<T>;
    const std::uint64_t len = layout.row_length();
    const std::uint64_t s = layout.row_out_stride();
    auto value = [&](std::uint64_t k) { return static_cast<Acc>(load_element<T>(data, k)); };
    switch (op) {
        case ReduceOp::Sum:
        case ReduceOp::Mean: {
            Acc* acc = acc_vector<Acc>(p).data();
            layout.for_each_row([&](std::uint64_t in, std::uint64_t out) {
                if (s == 0) {
                    Acc sum{};
                    for (std::uint64_t j = 0; j < len; ++j) sum += value(in + j);
                    acc[out] += sum;
                } else {
                    for (std::uint64_t j = 0; j < len; ++j) acc[out + j * s] += value(in + j);
                }
            });
            break;
        }
        case ReduceOp::Min:
        case ReduceOp::Max: {
            Acc* acc = acc_vector<Acc>(p).data();
            const bool is_min = op == ReduceOp::Min;
            layout.for_each_row([&](std::uint64_t in, std::uint64_t out) {
                for (std::uint64_t j = 0; j < len; ++j) {
                    Acc& a = acc[out + j * s];
                    a = is_min ? take_min(a, value(in + j)) : take_max(a, value(in + j));
                }
            });
            break;
        }
        case ReduceOp::Var:
        case ReduceOp::Std: {
            // Two passes over the chunk: its own mean, then squared deviations from it; the
            // chunk's (n, mean, M2) then merges into p with Chan's formula.
            std::vector<double> mean(p.d.size(), 0.0), m2(p.d.size(), 0.0);
            layout.for_each_row([&](std::uint64_t in, std::uint64_t out) {
                for (std::uint64_t j = 0; j < len; ++j)
                    mean[out + j * s] += static_cast<double>(load_element<T>(data, in + j));
            });
            for (auto& m : mean) m /= static_cast<double>(per_element);
            layout.for_each_row([&](std::uint64_t in, std::uint64_t out) {
                for (std::uint64_t j = 0; j < len; ++j) {
                    const double dev =
                        static_cast<double>(load_element<T>(data, in + j)) - mean[out + j * s];
                    m2[out + j * s] += dev * dev;
                }
            });
            Partial chunk;
            chunk.n = per_element;
            chunk.d = std::move(mean);
            chunk.m2 = std::move(m2);
            merge_moments(p, chunk);
            return;
        }
        case ReduceOp::Count: {
            std::int64_t* acc = p.i.data();
            const double f = fill.value_or(0.0);
            const bool nan_fill = std::isnan(f);
            layout.for_each_row([&](std::uint64_t in, std::uint64_t out) {
                for (std::uint64_t j = 0; j < len; ++j) {
                    const double v = static_cast<double>(load_element<T>(data, in + j));
                    acc[out + j * s] += nan_fill ? !std::isnan(v) : v != f;
                }
            });
            break;
        }
        case ReduceOp::Bincount: {
            if constexpr (!kIsFloatElement<T>) {
                std::int64_t* acc = p.i.data();
                const auto n = static_cast<std::int64_t>(bins);
                layout.for_each_row([&](std::uint64_t in, std::uint64_t out) {
                    if constexpr (sizeof(T) == 1) {
                        if (s == 0 && bins <= 8) {
                            count_small_bins(reinterpret_cast<const std::int8_t*>(data) + in, len,
                                             acc + out * bins, bins);
                            return;
                        }
                    }
                    if (s == 0) {
                        std::int64_t* row = acc + out * bins;
                        for (std::uint64_t j = 0; j < len; ++j) {
                            const auto v = static_cast<std::int64_t>(load_element<T>(data, in + j));
                            if (v >= 0 && v < n) ++row[v];
                        }
                    } else {
                        for (std::uint64_t j = 0; j < len; ++j) {
                            const auto v = static_cast<std::int64_t>(load_element<T>(data, in + j));
                            if (v >= 0 && v < n) ++acc[(out + j * s) * bins + v];
                        }
                    }
                });
            }
            break;
        }
    }
    p.n += per_element;
}

// Merges `from` into `into` (both initialised for the same block).
template <class T>
void merge_partials(ReduceOp op, Partial& into, const Partial& from) {
    using Acc = AccumulatorOf<T>;
    switch (op) {
        case ReduceOp::Sum:
        case ReduceOp::Mean: {
            auto& a = acc_vector<Acc>(into);
            const auto& b = acc_vector<Acc>(from);
            for (std::size_t k = 0; k < a.size(); ++k) a[k] += b[k];
            break;
        }
        case ReduceOp::Min:
        case ReduceOp::Max: {
            auto& a = acc_vector<Acc>(into);
            const auto& b = acc_vector<Acc>(from);
            for (std::size_t k = 0; k < a.size(); ++k)
                a[k] = op == ReduceOp::Min ? take_min(a[k], b[k]) : take_max(a[k], b[k]);
            break;
        }
        case ReduceOp::Var:
        case ReduceOp::Std: {
            merge_moments(into, from);
            return;
        }
        case ReduceOp::Count:
        case ReduceOp::Bincount:
            for (std::size_t k = 0; k < into.i.size(); ++k) into.i[k] += from.i[k];
            break;
    }
    into.n += from.n;
}

}  // namespace cs::engine
