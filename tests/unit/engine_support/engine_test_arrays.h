// Test data for the engine tests: MemoryArrays of every numeric dtype filled with deterministic
// pseudo-random values, element access as double, and wrappers that inject faults (a target
// that fails after N writes, a source that is slow to read so a run can be cancelled mid-way).
#pragma once

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>

#include "core/engine/ops/scalar_dispatch.h"
#include "support/memory_array.h"

namespace cs_test {

// Values that exercise each type: small non-negative ints (so bincount has hits), negatives for
// signed types, fractions and a wide range for floats.
inline std::unique_ptr<MemoryArray> random_array(cs::Shape shape, cs::Shape chunks,
                                                 cs::ScalarType type, std::uint64_t seed = 7) {
    const cs::DType dtype = cs::DType::scalar(type);
    std::uint64_t n = 1;
    for (auto s : shape) n *= s;
    cs::Bytes data(n * dtype.itemsize);
    std::uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
    for (std::uint64_t i = 0; i < n; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const double u = static_cast<double>(x >> 11) / 9007199254740992.0;  // [0, 1)
        double v;
        switch (type) {
            case cs::ScalarType::Bool:
                v = u < 0.3 ? 1 : 0;
                break;
            case cs::ScalarType::F16:
                v = (u - 0.5) * 64;
                break;
            case cs::ScalarType::F32:
            case cs::ScalarType::F64:
                v = (u - 0.3) * 1000.0;
                break;
            case cs::ScalarType::I8:
            case cs::ScalarType::I16:
            case cs::ScalarType::I32:
            case cs::ScalarType::I64:
                v = std::floor(u * 12) - 3;
                break;
            default:
                v = std::floor(u * 9);
                break;
        }
        cs::engine::dispatch_scalar(
            type, [&](auto t) { cs::engine::store_from_double<decltype(t)>(data.data(), i, v); });
    }
    return std::make_unique<MemoryArray>(std::move(shape), std::move(chunks), dtype,
                                         std::move(data));
}

inline double element(const cs::Bytes& data, cs::ScalarType type, std::size_t i) {
    double v = 0;
    cs::engine::dispatch_scalar(
        type, [&](auto t) { v = cs::engine::load_as_double<decltype(t)>(data.data(), i); });
    return v;
}

// A writable array that passes everything to `inner` and fails every write after the first
// `ok_writes` with an Io error, like a disk that fills up.
class FailingTarget final : public cs::ChunkedArray {
public:
    FailingTarget(std::shared_ptr<cs::ChunkedArray> inner, int ok_writes)
        : inner_(std::move(inner)), left_(ok_writes) {}
    const cs::ArrayMeta& meta() const override { return inner_->meta(); }
    std::string describe() const override { return "failing:" + inner_->describe(); }
    std::vector<cs::InfoField> info() const override { return inner_->info(); }
    cs::Result<std::optional<cs::Bytes>> read_stored_chunk(std::span<const std::uint64_t> c,
                                                           cs::ReadStats* s) const override {
        return inner_->read_stored_chunk(c, s);
    }
    cs::Result<cs::Bytes> decode_chunk(std::span<const std::uint64_t> c,
                                       cs::Bytes stored) const override {
        return inner_->decode_chunk(c, std::move(stored));
    }
    cs::Result<std::vector<cs::ChunkStorage>> chunk_storage() const override {
        return inner_->chunk_storage();
    }
    bool writable() const override { return true; }
    cs::Result<cs::Bytes> encode_chunk(std::span<const std::uint64_t> c,
                                       cs::ByteSpan e) const override {
        return inner_->encode_chunk(c, e);
    }
    cs::Result<void> write_stored_chunk(std::span<const std::uint64_t> c,
                                        cs::ByteSpan stored) override {
        if (left_.fetch_sub(1) <= 0)
            return cs::fail(cs::ErrorCode::Io, describe() + ": No space left on device");
        return inner_->write_stored_chunk(c, stored);
    }

private:
    std::shared_ptr<cs::ChunkedArray> inner_;
    std::atomic<int> left_;
};

// A source whose reads take `delay`, so a run lasts long enough to cancel it.
class SlowSource final : public cs::ChunkedArray {
public:
    SlowSource(std::shared_ptr<const cs::ChunkedArray> inner, std::chrono::milliseconds delay)
        : inner_(std::move(inner)), delay_(delay) {}
    const cs::ArrayMeta& meta() const override { return inner_->meta(); }
    std::string describe() const override { return "slow:" + inner_->describe(); }
    std::vector<cs::InfoField> info() const override { return inner_->info(); }
    cs::Result<std::optional<cs::Bytes>> read_stored_chunk(std::span<const std::uint64_t> c,
                                                           cs::ReadStats* s) const override {
        std::this_thread::sleep_for(delay_);
        return inner_->read_stored_chunk(c, s);
    }
    cs::Result<cs::Bytes> decode_chunk(std::span<const std::uint64_t> c,
                                       cs::Bytes stored) const override {
        return inner_->decode_chunk(c, std::move(stored));
    }
    cs::Result<std::vector<cs::ChunkStorage>> chunk_storage() const override {
        return inner_->chunk_storage();
    }

private:
    std::shared_ptr<const cs::ChunkedArray> inner_;
    std::chrono::milliseconds delay_;
};

}  // namespace cs_test
