// A Container over MemoryArrays for the window's model tests: groups are implied by the array
// paths ("a/b/x" makes groups "a" and "a/b"); every array is a cs_test::MemoryArray.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "core/array/container.h"
#include "support/memory_array.h"

namespace cs_test {

class MemoryContainer final : public cs::Container {
public:
    explicit MemoryContainer(std::string location) : location_(std::move(location)) {}

    void add(const std::string& path, std::shared_ptr<MemoryArray> array) {
        arrays_[path] = std::move(array);
        std::string p = path;
        while (true) {
            const auto slash = p.rfind('/');
            if (slash == std::string::npos) break;
            p = p.substr(0, slash);
            groups_.insert(p);
        }
    }
    void setAttributes(const std::string& path, cs::Json attrs) { attrs_[path] = std::move(attrs); }

    std::string location() const override { return location_; }
    std::string format() const override { return "Memory"; }

    cs::Result<cs::NodeSummary> node(std::string_view path) const override {
        const std::string p(path);
        cs::NodeSummary s;
        s.path = p;
        s.name = p.substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1);
        if (auto it = arrays_.find(p); it != arrays_.end()) {
            const auto& m = it->second->meta();
            s.kind = cs::NodeKind::Array;
            s.shape = m.shape();
            s.chunk_shape = m.chunk_shape();
            s.dtype = m.dtype.display_name();
            s.nbytes = m.nbytes();
            auto storage = it->second->chunk_storage();
            std::uint64_t stored = 0;
            for (const auto& c : *storage) stored += c.stored_bytes;
            s.stored_bytes = stored;
            return s;
        }
        if (p.empty() || groups_.contains(p)) return s;
        return cs::fail(cs::ErrorCode::NotFound, location_ + "/" + p + ": no such node");
    }

    cs::Result<std::vector<cs::NodeSummary>> children(std::string_view path) const override {
        const std::string prefix = path.empty() ? "" : std::string(path) + "/";
        std::set<std::string> names;
        auto consider = [&](const std::string& p) {
            if (p.compare(0, prefix.size(), prefix) != 0 || p.size() == prefix.size()) return;
            const std::string rest = p.substr(prefix.size());
            if (rest.find('/') == std::string::npos) names.insert(p);
        };
        for (const auto& [p, a] : arrays_) consider(p);
        for (const auto& g : groups_) consider(g);
        std::vector<cs::NodeSummary> out;
        for (const auto& n : names) {
            CS_ASSIGN_OR_RETURN(auto s, node(n));
            out.push_back(std::move(s));
        }
        return out;
    }

    cs::Result<cs::Json> attributes(std::string_view path) const override {
        auto it = attrs_.find(std::string(path));
        return it == attrs_.end() ? cs::Json::object() : it->second;
    }

    cs::Result<std::unique_ptr<cs::ChunkedArray>> open_array(std::string_view path) const override {
        auto it = arrays_.find(std::string(path));
        if (it == arrays_.end())
            return cs::fail(cs::ErrorCode::NotFound,
                            location_ + "/" + std::string(path) + ": no array");
        return std::unique_ptr<cs::ChunkedArray>(std::make_unique<ArrayView>(it->second));
    }

private:
    // open_array hands out owning pointers; this forwards to the shared MemoryArray.
    class ArrayView final : public cs::ChunkedArray {
    public:
        explicit ArrayView(std::shared_ptr<MemoryArray> a) : a_(std::move(a)) {}
        const cs::ArrayMeta& meta() const override { return a_->meta(); }
        std::string describe() const override { return a_->describe(); }
        std::vector<cs::InfoField> info() const override { return a_->info(); }
        cs::Result<std::optional<cs::Bytes>> read_stored_chunk(std::span<const std::uint64_t> c,
                                                               cs::ReadStats* s) const override {
            return a_->read_stored_chunk(c, s);
        }
        cs::Result<cs::Bytes> decode_chunk(std::span<const std::uint64_t> c,
                                           cs::Bytes stored) const override {
            return a_->decode_chunk(c, std::move(stored));
        }
        cs::Result<std::vector<cs::ChunkStorage>> chunk_storage() const override {
            return a_->chunk_storage();
        }

    private:
        std::shared_ptr<MemoryArray> a_;
    };

    std::string location_;
    std::map<std::string, std::shared_ptr<MemoryArray>> arrays_;
    std::set<std::string> groups_;
    std::map<std::string, cs::Json> attrs_;
};

}  // namespace cs_test
