#include "core/engine/demo_data.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "core/engine/demo_random.h"
#include "core/engine/executor.h"
#include "core/hdf5/hdf5.h"
#include "core/store/directory_store.h"
#include "core/zarr/zarr.h"

namespace cs::engine {

namespace {

constexpr std::uint64_t kSamples = 765;
constexpr std::uint64_t kSiteChunk = 6553;
constexpr std::uint64_t kSampleChunk = 200;
constexpr std::uint64_t kH5SampleChunk = 10;
constexpr std::uint64_t kFieldCols = 7500;
constexpr std::uint64_t kFieldRowChunk = 2000;

Json blosc(const char* cname, int clevel, int shuffle) {
    Json j = Json::object();
    j["id"] = "blosc";
    j["cname"] = cname;
    j["clevel"] = clevel;
    j["shuffle"] = shuffle;
    j["blocksize"] = 0;
    return j;
}

Result<std::unique_ptr<ChunkedArray>> create_zarr(const std::string& path, Shape shape,
                                                  Shape chunks, ScalarType type, Json compressor) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    if (ec) return fail(ErrorCode::Io, path + ": cannot replace: " + ec.message());
    ZarrCreateOptions o;
    o.shape = std::move(shape);
    o.chunks = std::move(chunks);
    o.dtype = DType::scalar(type);
    o.compressor = std::move(compressor);
    o.fill_value = type == ScalarType::F32 ? Json(0.0) : Json(0);
    return create_zarr_array(std::make_shared<DirectoryStore>(path), "", o, true);
}

// Shared by the writing threads: the first error stops everyone.
struct Progress {
    std::mutex mutex;
    std::optional<Error> error;
    std::atomic<bool> stop{false};
    std::uint64_t done = 0, total = 1;
    std::atomic<std::uint64_t> bytes{0};
    const std::function<void(double, const std::string&)>* callback = nullptr;
    const std::atomic<bool>* cancel = nullptr;

    bool should_stop() {
        if (cancel && cancel->load()) {
            set_error(Error{ErrorCode::Cancelled, "writing the demo data was cancelled"});
        }
        return stop.load();
    }
    void set_error(Error e) {
        std::lock_guard lock(mutex);
        if (!error) error = std::move(e);
        stop = true;
    }
    void step(const std::string& stage) {
        std::lock_guard lock(mutex);
        ++done;
        if (callback && *callback) (*callback)(static_cast<double>(done) / total, stage);
    }
};

Result<void> write_chunk(ChunkedArray& a, const ChunkCoords& c, const Bytes& elements,
                         Progress& p) {
    CS_ASSIGN_OR_RETURN(Bytes stored, a.encode_chunk(c, elements));
    p.bytes += stored.size();
    return a.write_stored_chunk(c, stored);
}

// One row of genotype chunks (kSiteChunk sites x all samples), as the reference generates it.
void generate_sites(std::uint64_t seed, std::uint64_t block, std::uint64_t rows, Bytes& out) {
    DemoRandom rng(seed * 0x100000001B3ull + block + 1);
    out.assign(kSiteChunk * kSamples * 2, 0);
    for (std::uint64_t r = 0; r < rows; ++r) {
        const float p = static_cast<float>(rng.beta(0.15, 3.0));
        const float p2 = p * 0.02f;
        std::int8_t* row = reinterpret_cast<std::int8_t*>(out.data() + r * kSamples * 2);
        for (std::uint64_t k = 0; k < kSamples * 2; ++k) {
            const float u = rng.uniform_float();
            std::int8_t v = u < p ? 1 : 0;
            if (u < p2) v = 2;
            if (u > 0.997f) v = -1;
            row[k] = v;
        }
    }
}

// The (kSiteChunk, width, 2) chunk of samples [first, first + width) cut from a block.
void cut_samples(const Bytes& block, std::uint64_t first, std::uint64_t width, Bytes& chunk) {
    chunk.assign(kSiteChunk * width * 2, 0);
    const std::uint64_t n = std::min(width, kSamples - first);
    for (std::uint64_t r = 0; r < kSiteChunk; ++r)
        std::memcpy(chunk.data() + r * width * 2, block.data() + (r * kSamples + first) * 2, n * 2);
}

}  // namespace

Result<DemoDataInfo> write_demo_data(
    const std::string& dir, const DemoDataOptions& options,
    const std::function<void(double, const std::string&)>& progress,
    const std::atomic<bool>* cancel) {
    if (!(options.scale > 0) || options.scale > 100)
        return fail(ErrorCode::InvalidArgument, dir + ": demo scale must be > 0 and <= 100, got " +
                                                    std::to_string(options.scale));
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail(ErrorCode::Io, dir + ": cannot create the folder: " + ec.message());
    DemoDataInfo info;
    const std::uint64_t nvar = std::max<std::uint64_t>(1, std::llround(1'000'000 * options.scale));
    const std::uint64_t nrows = std::max<std::uint64_t>(1, std::llround(8000 * options.scale));
    info.genotype_shape = {nvar, kSamples, 2};
    info.field_shape = {nrows, kFieldCols};
    const std::string base = (std::filesystem::path(dir) / "").string();
    Progress p;
    p.callback = &progress;
    p.cancel = cancel;
    const std::uint64_t gblocks = (nvar + kSiteChunk - 1) / kSiteChunk;
    const std::uint64_t fchunks = (nrows + kFieldRowChunk - 1) / kFieldRowChunk;
    p.total = (options.genotype ? gblocks : 0) + (options.field ? fchunks : 0);
    const std::uint32_t threads = options.threads ? options.threads : hardware_threads();
    tbb::task_arena arena(static_cast<int>(threads));

    if (options.genotype) {
        CS_ASSIGN_OR_RETURN(auto zlib, create_zarr(base + "genotype_zlib.zarr", info.genotype_shape,
                                                   {kSiteChunk, kSampleChunk, 2}, ScalarType::I8,
                                                   blosc("zlib", 3, 0)));
        CS_ASSIGN_OR_RETURN(auto lz4, create_zarr(base + "genotype_lz4.zarr", info.genotype_shape,
                                                  {kSiteChunk, kSampleChunk, 2}, ScalarType::I8,
                                                  blosc("lz4", 5, 0)));
        Hdf5CreateOptions h;
        h.dtype = DType::scalar(ScalarType::I8);
        h.shape = info.genotype_shape;
        h.chunk_shape = {kSiteChunk, kH5SampleChunk, 2};
        h.gzip_level = 3;
        h.truncate_file = true;
        CS_ASSIGN_OR_RETURN(auto h5,
                            create_hdf5_dataset(base + "genotype.h5", "calldata/genotype", h));
        arena.execute([&] {
            tbb::parallel_for(
                tbb::blocked_range<std::uint64_t>(0, gblocks, 1), [&](const auto& range) {
                    Bytes block, chunk;
                    for (std::uint64_t b = range.begin(); b != range.end(); ++b) {
                        if (p.should_stop()) return;
                        generate_sites(options.seed, b, std::min(kSiteChunk, nvar - b * kSiteChunk),
                                       block);
                        for (std::uint64_t s = 0; s * kSampleChunk < kSamples; ++s) {
                            cut_samples(block, s * kSampleChunk, kSampleChunk, chunk);
                            for (ChunkedArray* a : {zlib.get(), lz4.get()}) {
                                if (auto r = write_chunk(*a, {b, s, 0}, chunk, p); !r)
                                    return p.set_error(r.error());
                            }
                        }
                        for (std::uint64_t s = 0; s * kH5SampleChunk < kSamples; ++s) {
                            cut_samples(block, s * kH5SampleChunk, kH5SampleChunk, chunk);
                            if (auto r = write_chunk(*h5, {b, s, 0}, chunk, p); !r)
                                return p.set_error(r.error());
                        }
                        p.step("genotype");
                    }
                });
        });
        if (p.error) return fail(*p.error);
    }
    if (options.field) {
        CS_ASSIGN_OR_RETURN(auto field, create_zarr(base + "wvel.zarr", info.field_shape,
                                                    {kFieldRowChunk, kFieldCols}, ScalarType::F32,
                                                    blosc("lz4", 5, 1)));
        arena.execute([&] {
            tbb::parallel_for(
                tbb::blocked_range<std::uint64_t>(0, fchunks, 1), [&](const auto& range) {
                    Bytes chunk;
                    for (std::uint64_t c = range.begin(); c != range.end(); ++c) {
                        if (p.should_stop()) return;
                        DemoRandom rng(options.seed * 0x9E3779B97F4A7C15ull + 0xF1E1D + c);
                        chunk.resize(kFieldRowChunk * kFieldCols * 4);
                        const std::uint64_t rows =
                            std::min(kFieldRowChunk, nrows - c * kFieldRowChunk);
                        float* f = reinterpret_cast<float*>(chunk.data());
                        for (std::uint64_t i = 0; i < kFieldRowChunk * kFieldCols; ++i)
                            f[i] = i < rows * kFieldCols
                                       ? static_cast<float>(2000.0 + 1000.0 * rng.normal())
                                       : 0.0f;
                        if (auto r = write_chunk(*field, {c, 0}, chunk, p); !r)
                            return p.set_error(r.error());
                        p.step("field");
                    }
                });
        });
        if (p.error) return fail(*p.error);
    }
    info.bytes_written = p.bytes.load();
    return info;
}

}  // namespace cs::engine
