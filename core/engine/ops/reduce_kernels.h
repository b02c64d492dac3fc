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

#include "core/engine/ops/bincount_kernels.h"
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

// Whether `layout`'s rows each reduce into their own one of `elements` output elements, in order
// (row r into element r), so that count_small_bins_rows() can count them into `bins` <= 8 bins.
inline bool rows_count_in_order(const RowLayout& layout, std::uint32_t bins,
                                std::uint64_t elements) {
    const std::size_t axes = layout.extent.size();
    if (bins > 8 || layout.row_out_stride() != 0 || axes > 2) return false;
    if (axes == 2 && layout.out_stride[0] != 1) return false;
    return (axes == 2 ? layout.extent[0] : 1) == elements;
}

// A bincount of single-byte values whose chunk rows each reduce into one output element, the
// rows' elements in order (the allele counts: a (6553, 200, 2) chunk reduced over axes 1 and 2):
// counted in one kernel call, added to `p` or, with `overwrite`, written over it (p.i must then
// hold elements * bins entries, any values). False, and nothing done, for any other layout.
template <class T>
bool count_bincount_rows(const std::uint8_t* data, const RowLayout& layout, Partial& p,
                         std::uint32_t bins, std::uint64_t elements, bool overwrite) {
    if constexpr (sizeof(T) != 1 || kIsFloatElement<T>) {
        return false;
    } else {
        if (!rows_count_in_order(layout, bins, elements) || p.i.size() != elements * bins)
            return false;
        const bool several = layout.extent.size() == 2;
        const std::uint64_t row_stride = several ? layout.in_stride[0] : 0;
        count_small_bins_rows(reinterpret_cast<const std::int8_t*>(data), elements,
                              layout.row_length(), row_stride, p.i.data(), bins, overwrite);
        return true;
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
            if (count_bincount_rows<T>(data, layout, p, bins, p.i.size() / bins, false)) break;
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
