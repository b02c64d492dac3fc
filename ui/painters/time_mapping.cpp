#include "ui/painters/time_mapping.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cs::ui {

std::int64_t TimeMapping::toTime(double x) const {
    return t0 + static_cast<std::int64_t>(std::llround((x - x0) / pixelsPerNs()));
}

std::int64_t TimeMapping::durationOf(double pixels) const {
    return static_cast<std::int64_t>(std::llround(pixels / pixelsPerNs()));
}

void TimeMapping::zoom(double factor, double anchorX, std::int64_t minSpan) {
    if (!(factor > 0) || width <= 0) return;
    const std::int64_t anchor = toTime(anchorX);
    const double share = (anchorX - x0) / width;  // where the anchor sits, 0..1
    auto newSpan = static_cast<std::int64_t>(std::llround(static_cast<double>(span()) / factor));
    newSpan = std::max<std::int64_t>(newSpan, std::max<std::int64_t>(minSpan, 1));
    t0 = anchor - static_cast<std::int64_t>(std::llround(share * static_cast<double>(newSpan)));
    t1 = t0 + newSpan;
}

void TimeMapping::pan(double dx) {
    const std::int64_t dt = durationOf(dx);
    t0 -= dt;
    t1 -= dt;
}

void TimeMapping::clampTo(std::int64_t lo, std::int64_t hi) {
    const std::int64_t s = span();
    if (s >= hi - lo) {
        t0 = lo;
        t1 = lo + s;
        return;
    }
    if (t0 < lo) {
        t0 = lo;
        t1 = lo + s;
    } else if (t1 > hi) {
        t1 = hi;
        t0 = hi - s;
    }
}

std::int64_t followedEnd(std::int64_t now_ns) {
    constexpr std::int64_t kMinimum = 1'000'000'000;
    if (now_ns <= kMinimum) return kMinimum;
    for (std::int64_t decade = kMinimum;; decade *= 10) {
        for (const std::int64_t m : {1, 2, 3, 5})
            if (m * decade >= now_ns) return m * decade;
        if (decade > std::numeric_limits<std::int64_t>::max() / 100) return now_ns;
    }
}

}  // namespace cs::ui
