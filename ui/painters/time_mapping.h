// The time -> pixel mapping every run view shares (Gantt, resource timelines, graph highlights):
// a visible time range [t0, t1] in nanoseconds drawn over [x0, x0 + width] pixels. Kept as a
// small value type, tested on its own, so zooming, panning and hit-testing agree everywhere.
#pragma once

#include <cstdint>

namespace cs::ui {

struct TimeMapping {
    std::int64_t t0 = 0;          // time at the left edge (ns since the run started)
    std::int64_t t1 = 1'000'000;  // time at the right edge, > t0
    double x0 = 0;                // pixel of the left edge
    double width = 1;             // pixels from the left to the right edge, > 0

    std::int64_t span() const { return t1 - t0; }
    double pixelsPerNs() const { return width / static_cast<double>(span()); }
    double toX(std::int64_t t) const { return x0 + static_cast<double>(t - t0) * pixelsPerNs(); }
    // Inverse of toX, rounded to the nearest nanosecond.
    std::int64_t toTime(double x) const;
    // Duration that covers `pixels` pixels.
    std::int64_t durationOf(double pixels) const;

    // Zooms by `factor` (> 1 zooms in) keeping the time under pixel `anchorX` in place. The span
    // never gets shorter than `minSpan` ns.
    void zoom(double factor, double anchorX, std::int64_t minSpan = 1000);
    // Moves the view right by `dx` pixels of content (dx > 0 shows earlier times).
    void pan(double dx);
    // Draws the same time range over `pixels` pixels from `left` (a plot area's edges; at least
    // one pixel wide).
    void placeOn(double left, double pixels) {
        x0 = left;
        width = pixels > 1.0 ? pixels : 1.0;
    }
    // Keeps [t0, t1] inside [lo, hi] when the span fits (shifting, not resizing).
    void clampTo(std::int64_t lo, std::int64_t hi);
};

// The right end of a live view that follows a growing run: `now_ns` rounded up to 1, 2, 3 or 5 x
// 10^k ns, and at least one second. The time axis (and everything drawn against it) then changes
// a few times per decade of run time instead of at every refresh: a changed range relayouts the
// Qt Charts axes and repaints the whole Gantt, which a run using every core pays for.
std::int64_t followedEnd(std::int64_t now_ns);

}  // namespace cs::ui
