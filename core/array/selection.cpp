#include "core/array/selection.h"

#include <charconv>
#include <optional>

namespace cs {

Selection Selection::all(const Shape& shape) {
    Selection s;
    for (auto n : shape) s.axes.push_back(AxisSelection{0, n, 1, false});
    return s;
}

Shape Selection::result_shape() const {
    Shape out;
    for (const auto& a : axes)
        if (!a.drop) out.push_back(a.count());
    return out;
}

Shape Selection::counts() const {
    Shape out;
    for (const auto& a : axes) out.push_back(a.count());
    return out;
}

std::uint64_t Selection::num_elements() const {
    std::uint64_t n = 1;
    for (const auto& a : axes) n *= a.count();
    return n;
}

std::string to_string(const Selection& selection) {
    if (selection.axes.empty()) return "[()]";
    std::string out = "[";
    for (std::size_t k = 0; k < selection.axes.size(); ++k) {
        const AxisSelection& a = selection.axes[k];
        if (k) out += ", ";
        if (a.drop) {
            out += std::to_string(a.start);
            continue;
        }
        out += std::to_string(a.start) + ":" + std::to_string(a.stop);
        if (a.step != 1) out += ":" + std::to_string(a.step);
    }
    return out + "]";
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// An optional integer: "" is nullopt (an omitted slice bound).
Result<std::optional<std::int64_t>> parse_bound(std::string_view text, std::string_view entry) {
    text = trim(text);
    if (text.empty()) return std::optional<std::int64_t>();
    std::string_view digits = text;
    if (digits.front() == '+') digits.remove_prefix(1);  // from_chars takes '-' but not '+'
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty()) {
        return fail(ErrorCode::InvalidArgument, "selection entry \"" + std::string(entry) +
                                                    "\": \"" + std::string(text) +
                                                    "\" is not an integer");
    }
    return std::optional<std::int64_t>(value);
}

// Python's slice.indices() for a positive step: negative bounds count from the end, then clip.
std::uint64_t clip_bound(std::int64_t bound, std::uint64_t size) {
    if (bound < 0) {
        const std::uint64_t back = std::uint64_t(-(bound + 1)) + 1;  // no overflow at INT64_MIN
        return back >= size ? 0 : size - back;
    }
    return std::min(std::uint64_t(bound), size);
}

Result<AxisSelection> parse_entry(std::string_view entry, std::size_t axis, std::uint64_t size) {
    const std::string where =
        "selection entry \"" + std::string(entry) + "\" (axis " + std::to_string(axis) + ")";
    const std::size_t colon = entry.find(':');
    if (colon == std::string_view::npos) {
        CS_ASSIGN_OR_RETURN(std::optional<std::int64_t> index, parse_bound(entry, entry));
        if (!index) return fail(ErrorCode::InvalidArgument, where + ": empty index");
        const std::int64_t i = *index;
        const bool in_range = i >= 0 ? std::uint64_t(i) < size : std::uint64_t(-(i + 1)) < size;
        if (!in_range) {
            return fail(ErrorCode::InvalidArgument,
                        where + ": index " + std::to_string(i) + " is out of bounds for axis " +
                            std::to_string(axis) + " with size " + std::to_string(size));
        }
        const std::uint64_t at = i >= 0 ? std::uint64_t(i) : size - std::uint64_t(-(i + 1)) - 1;
        return AxisSelection{at, at + 1, 1, true};
    }
    const std::string_view rest = entry.substr(colon + 1);
    const std::size_t colon2 = rest.find(':');
    if (colon2 != std::string_view::npos && rest.find(':', colon2 + 1) != std::string_view::npos) {
        return fail(ErrorCode::InvalidArgument, where + ": a slice has at most two ':'");
    }
    CS_ASSIGN_OR_RETURN(std::optional<std::int64_t> start,
                        parse_bound(entry.substr(0, colon), entry));
    CS_ASSIGN_OR_RETURN(std::optional<std::int64_t> stop,
                        parse_bound(rest.substr(0, colon2), entry));
    std::optional<std::int64_t> step;
    if (colon2 != std::string_view::npos) {
        CS_ASSIGN_OR_RETURN(step, parse_bound(rest.substr(colon2 + 1), entry));
    }
    if (step && *step == 0)
        return fail(ErrorCode::InvalidArgument, where + ": slice step cannot be zero");
    if (step && *step < 0) {
        return fail(ErrorCode::InvalidArgument,
                    where + ": negative steps are not supported; use a positive step");
    }
    AxisSelection a;
    a.step = step ? std::uint64_t(*step) : 1;
    a.start = start ? clip_bound(*start, size) : 0;
    a.stop = stop ? clip_bound(*stop, size) : size;
    if (a.stop < a.start) a.stop = a.start;  // empty, as NumPy's a[5:2]
    return a;
}

std::vector<std::string_view> split_entries(std::string_view text) {
    std::vector<std::string_view> entries;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = text.find(',', start);
        entries.push_back(
            trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start)));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    // "1," is a one-entry tuple in Python, so one trailing comma is allowed.
    if (entries.size() > 1 && entries.back().empty()) entries.pop_back();
    return entries;
}

}  // namespace

Result<Selection> parse_selection(std::string_view text, const Shape& shape) {
    const std::size_t rank = shape.size();
    text = trim(text);
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
        text = trim(text.substr(1, text.size() - 2));  // "[0:10, 1]" as written in Python
    }
    if (text.empty() || text == "()") return Selection::all(shape);
    const std::vector<std::string_view> entries = split_entries(text);
    std::size_t ellipsis = entries.size();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].empty()) {
            return fail(ErrorCode::InvalidArgument, "selection \"" + std::string(text) +
                                                        "\": entry " + std::to_string(i + 1) +
                                                        " is empty");
        }
        if (entries[i] == "...") {
            if (ellipsis != entries.size()) {
                return fail(ErrorCode::InvalidArgument, "selection \"" + std::string(text) +
                                                            "\": \"...\" may appear only once");
            }
            ellipsis = i;
        }
    }
    const std::size_t explicit_entries = entries.size() - (ellipsis != entries.size() ? 1 : 0);
    if (explicit_entries > rank) {
        return fail(ErrorCode::InvalidArgument,
                    "selection \"" + std::string(text) + "\" has " +
                        std::to_string(explicit_entries) + " entries, but the array has " +
                        std::to_string(rank) + (rank == 1 ? " axis" : " axes"));
    }
    Selection sel = Selection::all(shape);
    // Entries before "..." bind to the first axes, those after it to the last ones.
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i == ellipsis) continue;
        const std::size_t axis = i < ellipsis ? i : rank - (entries.size() - i);
        CS_ASSIGN_OR_RETURN(sel.axes[axis], parse_entry(entries[i], axis, shape[axis]));
    }
    return sel;
}

}  // namespace cs
