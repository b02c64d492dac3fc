#include "core/engine/ops/copy.h"

#include <algorithm>
#include <cstring>

#include "core/engine/task_context.h"
#include "core/zarr/zarr_array.h"

namespace cs::engine {

void copy_region(const std::uint8_t* src, const Shape& src_chunk, const Shape& src_origin,
                 std::uint8_t* dst, const Shape& dst_chunk, const Shape& dst_origin,
                 const Shape& lo, const Shape& hi, std::size_t itemsize) {
    const std::size_t rank = lo.size();
    if (rank == 0) {
        std::memcpy(dst, src, itemsize);
        return;
    }
    for (std::size_t a = 0; a < rank; ++a)
        if (hi[a] <= lo[a]) return;
    std::vector<std::uint64_t> sstride(rank), dstride(rank);
    std::uint64_t ss = 1, ds = 1;
    for (std::size_t a = rank; a-- > 0;) {
        sstride[a] = ss;
        dstride[a] = ds;
        ss *= src_chunk[a];
        ds *= dst_chunk[a];
    }
    const std::size_t row = (hi[rank - 1] - lo[rank - 1]) * itemsize;
    Shape idx(lo.begin(), lo.end());
    for (;;) {
        std::uint64_t so = 0, dof = 0;
        for (std::size_t a = 0; a < rank; ++a) {
            so += (idx[a] - src_origin[a]) * sstride[a];
            dof += (idx[a] - dst_origin[a]) * dstride[a];
        }
        std::memcpy(dst + dof * itemsize, src + so * itemsize, row);
        std::size_t a = rank - 1;
        while (a-- > 0) {
            if (++idx[a] < hi[a]) break;
            idx[a] = lo[a];
        }
        if (a == static_cast<std::size_t>(-1)) return;
    }
}

namespace {

// Stored bytes decode to the same elements in both arrays only when both are Zarr v2 arrays with
// the same chunk shape, element type (byte order included), storage order, filters and
// compressor: then a chunk's stored bytes are what re-encoding its decoded elements would write
// (numcodecs' codecs are deterministic), so the copy moves them without decoding. vlen-utf8
// arrays decode to fixed-width text and are never targets, so they always take the decoding path.
// HDF5 is left out on purpose: a chunk's filter mask travels beside its bytes.
bool same_stored_form(const ChunkedArray& source, const ChunkedArray& target) {
    const auto* s = dynamic_cast<const ZarrArray*>(&source);
    const auto* t = dynamic_cast<const ZarrArray*>(&target);
    if (!s || !t) return false;
    const ZarrArrayMetadata& a = s->zarr_metadata();
    const ZarrArrayMetadata& b = t->zarr_metadata();
    return a.chunks == b.chunks && a.dtype == b.dtype && a.order == b.order &&
           a.compressor == b.compressor && a.filters == b.filters && !a.is_vlen_utf8() &&
           !b.is_vlen_utf8();
}

// Read and write phases only: nothing is decoded or encoded, so the record shows none. The raw
// byte counters still count the elements the chunk holds, as the decoding copy does.
Result<void> copy_stored(const ChunkedArray& src, ChunkedArray& dst, TaskContext& ctx,
                         std::span<const std::uint64_t> coords) {
    CS_ASSIGN_OR_RETURN(auto stored, ctx.read_stored(src, coords));
    if (!stored) return {};  // absent stays absent
    if (ctx.cancelled()) return {};
    ctx.timer().add_raw_in(src.meta().chunk_nbytes());
    ctx.timer().add_raw_out(dst.meta().chunk_nbytes());
    return ctx.write_stored(dst, coords, *stored);
}

Result<void> copy_same_grid(const ChunkedArray& src, ChunkedArray& dst, TaskContext& ctx,
                            std::span<const std::uint64_t> coords) {
    CS_ASSIGN_OR_RETURN(auto stored, ctx.read_stored(src, coords));
    if (!stored) return {};  // absent stays absent: it reads as the same fill value
    CS_ASSIGN_OR_RETURN(Bytes elements, ctx.decode(src, coords, std::move(*stored)));
    if (ctx.cancelled()) return {};
    CS_ASSIGN_OR_RETURN(Bytes encoded, ctx.encode(dst, coords, elements));
    return ctx.write_stored(dst, coords, encoded);
}

Result<void> copy_rechunk(const ChunkedArray& src, ChunkedArray& dst, TaskContext& ctx,
                          std::span<const std::uint64_t> coords) {
    const ChunkGrid& sg = src.meta().grid;
    const ChunkGrid& dg = dst.meta().grid;
    const std::size_t rank = dg.rank();
    const Shape dorigin = dg.origin(coords);
    const Shape dext = dg.extent(coords);
    Bytes out = dst.fill_chunk();
    const std::size_t item = dst.meta().dtype.itemsize;
    if (dst.meta().dtype.needs_byteswap()) byteswap_elements(out, item);
    // The range of source chunks this target chunk overlaps, per axis.
    Shape first(rank), last(rank);
    for (std::size_t a = 0; a < rank; ++a) {
        first[a] = dorigin[a] / sg.chunk_shape[a];
        last[a] = (dorigin[a] + dext[a] - 1) / sg.chunk_shape[a];
    }
    bool any_present = false;
    ChunkCoords sc(first.begin(), first.end());
    for (;;) {
        if (ctx.cancelled()) return {};
        CS_ASSIGN_OR_RETURN(auto stored, ctx.read_stored(src, sc));
        if (stored) {
            any_present = true;
            CS_ASSIGN_OR_RETURN(Bytes elements, ctx.decode(src, sc, std::move(*stored)));
            auto compute = ctx.phase(trace::Phase::Compute);
            const Shape sorigin = sg.origin(sc);
            const Shape sext = sg.extent(sc);
            Shape lo(rank), hi(rank);
            for (std::size_t a = 0; a < rank; ++a) {
                lo[a] = std::max(sorigin[a], dorigin[a]);
                hi[a] = std::min(sorigin[a] + sext[a], dorigin[a] + dext[a]);
            }
            copy_region(elements.data(), sg.chunk_shape, sorigin, out.data(), dg.chunk_shape,
                        dorigin, lo, hi, item);
        }
        std::size_t a = rank;
        while (a-- > 0) {
            if (++sc[a] <= last[a]) break;
            sc[a] = first[a];
        }
        if (a == static_cast<std::size_t>(-1)) break;
    }
    if (!any_present) return {};  // nothing but fill: leave the target chunk absent
    CS_ASSIGN_OR_RETURN(Bytes encoded, ctx.encode(dst, coords, out));
    return ctx.write_stored(dst, coords, encoded);
}

}  // namespace

Result<std::shared_ptr<Plan>> plan_copy(std::shared_ptr<const ChunkedArray> source,
                                        std::shared_ptr<ChunkedArray> target, CopyOptions options) {
    const ArrayMeta& sm = source->meta();
    const ArrayMeta& tm = target->meta();
    const std::string what = "copy " + source->describe() + " -> " + target->describe();
    if (!target->writable())
        return fail(ErrorCode::InvalidArgument, what + ": the target is not writable");
    if (sm.shape() != tm.shape()) return fail(ErrorCode::InvalidArgument, what + ": shapes differ");
    if (sm.dtype.with_native_order() != tm.dtype.with_native_order())
        return fail(ErrorCode::InvalidArgument, what + ": element types differ (" +
                                                    sm.dtype.display_name() + " vs " +
                                                    tm.dtype.display_name() + ")");
    const bool same_grid = sm.chunk_shape() == tm.chunk_shape();
    const bool stored_form = same_grid && !options.recode && same_stored_form(*source, *target);
    auto plan = std::make_shared<Plan>();
    plan->description = what;
    plan->metadata["operation"] = "copy";
    plan->metadata["source"] = source->describe();
    plan->metadata["target"] = target->describe();
    plan->metadata["rechunk"] = !same_grid;
    plan->metadata["stored_bytes_copied"] = stored_form;
    const ChunkGrid& grid = tm.grid;
    const std::uint64_t n = grid.array_elements() == 0 ? 0 : grid.num_chunks();
    for (std::uint64_t c = 0; c < n; ++c) {
        const ChunkCoords coords = grid.coords_of(c);
        plan->add_task(trace::TaskKind::Copy, coords, "copy " + coords_label(coords), 0,
                       [source, target, coords, same_grid, stored_form](TaskContext& ctx) {
                           if (stored_form) return copy_stored(*source, *target, ctx, coords);
                           return same_grid ? copy_same_grid(*source, *target, ctx, coords)
                                            : copy_rechunk(*source, *target, ctx, coords);
                       });
    }
    return plan;
}

}  // namespace cs::engine
