// A Store that passes everything to a MemoryStore until it is armed, then accepts `ok_writes`
// more set() calls and fails every later one with an Io error, like a disk that fills up during a
// copy. A failed set() stores nothing (the real stores write atomically too).
#pragma once

#include <atomic>

#include "core/store/memory_store.h"

namespace cs_test {

class FailingStore final : public cs::Store {
public:
    void arm(int ok_writes) {
        left_ = ok_writes;
        armed_ = true;
    }
    cs::MemoryStore& inner() { return inner_; }

    cs::Result<std::optional<cs::Bytes>> get(std::string_view key) const override {
        return inner_.get(key);
    }
    cs::Result<std::optional<cs::Bytes>> get_range(std::string_view key, std::uint64_t offset,
                                                   std::uint64_t length) const override {
        return inner_.get_range(key, offset, length);
    }
    cs::Result<void> set(std::string_view key, cs::ByteSpan value) override {
        if (armed_ && left_.fetch_sub(1) <= 0)
            return cs::fail(cs::ErrorCode::Io, describe_key(key) + ": No space left on device");
        return inner_.set(key, value);
    }
    cs::Result<void> erase(std::string_view key) override { return inner_.erase(key); }
    cs::Result<std::vector<std::string>> list_prefix(std::string_view p) const override {
        return inner_.list_prefix(p);
    }
    cs::Result<std::vector<std::string>> list_dir(std::string_view p) const override {
        return inner_.list_dir(p);
    }
    cs::Result<std::optional<std::uint64_t>> size(std::string_view key) const override {
        return inner_.size(key);
    }
    std::string type_name() const override { return "FailingStore"; }
    std::string location() const override { return "<failing>"; }

private:
    cs::MemoryStore inner_;
    std::atomic<bool> armed_{false};
    std::atomic<int> left_{0};
};

}  // namespace cs_test
