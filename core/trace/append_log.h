// A single-writer, many-reader append-only log that readers can view without stopping the
// writer. Items live in fixed-size blocks that never move; the writer fills a slot and then
// publishes the new count with a release store, so a reader that loads the count (acquire) sees
// every item below it complete. A view shares the blocks through shared_ptr: it stays valid and
// immutable after the log (or the whole run) is gone, and taking one copies only block pointers.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <iterator>
#include <memory>
#include <mutex>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/util/large_buffer.h"

namespace cs::trace {

inline constexpr std::size_t kLogBlockSize = 512;  // items per block (at least)

// Items of T per block: 512, or for plain items of 64 bytes and more (task records) a 2 MiB
// block served by allocate_large() as one transparent huge page: a lane that outgrows its
// reservation then takes one fault per 2 MiB of records instead of one per 4 KiB, and growing
// during a run costs ~25 ns per 256-byte record instead of ~100.
template <class T>
inline constexpr bool kLogUsesLargeBlocks = sizeof(T) >= 64 && std::is_trivially_copyable_v<T>;
template <class T>
inline constexpr std::size_t kLogBlockItems = kLogUsesLargeBlocks<T>
                                                  ? std::max(kLogBlockSize,
                                                             (std::size_t{2} << 20) / sizeof(T))
                                                  : kLogBlockSize;

template <class T>
struct LogBlock {
    std::array<T, kLogBlockItems<T>> items{};

    // A block whose items read as zero bytes (value-initialised when small). A large block is
    // not written here: a fresh mapping is already zero, and its pages are paid for only when
    // an item is first written, so a reserved block that a lane never fills costs nothing.
    // Items must then be implicit-lifetime types whose all-zero bytes are an empty item.
    static std::shared_ptr<LogBlock> make(PageSize pages = PageSize::Huge) {
        if constexpr (sizeof(LogBlock) >= kLargeBufferThreshold) {
            static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
            auto* block = std::launder(
                reinterpret_cast<LogBlock*>(allocate_large_zeroed(sizeof(LogBlock), pages)));
            return std::shared_ptr<LogBlock>(
                block, [](LogBlock* b) { release_large(b, sizeof(LogBlock)); });
        } else {
            return std::make_shared<LogBlock>();
        }
    }
};

// A random-access iterator over anything with operator[](std::size_t): the index and the
// container. Its reference is whatever operator[] returns, so a view that decodes its items
// (TaskLogView) iterates by value.
template <class View>
class IndexIterator {
public:
    using iterator_category = std::random_access_iterator_tag;
    using reference = decltype(std::declval<const View&>()[std::size_t{}]);
    using value_type = std::remove_cvref_t<reference>;
    using difference_type = std::ptrdiff_t;
    IndexIterator() = default;
    IndexIterator(const View* v, std::size_t i) : v_(v), i_(i) {}
    reference operator*() const { return (*v_)[i_]; }
    auto operator->() const requires std::is_reference_v<reference> { return &(*v_)[i_]; }
    reference operator[](difference_type n) const { return (*v_)[i_ + n]; }
    IndexIterator& operator++() {
        ++i_;
        return *this;
    }
    IndexIterator operator++(int) {
        auto t = *this;
        ++i_;
        return t;
    }
    IndexIterator& operator--() {
        --i_;
        return *this;
    }
    IndexIterator operator--(int) {
        auto t = *this;
        --i_;
        return t;
    }
    IndexIterator& operator+=(difference_type n) {
        i_ += n;
        return *this;
    }
    IndexIterator& operator-=(difference_type n) {
        i_ -= n;
        return *this;
    }
    friend IndexIterator operator+(IndexIterator a, difference_type n) { return a += n; }
    friend IndexIterator operator+(difference_type n, IndexIterator a) { return a += n; }
    friend IndexIterator operator-(IndexIterator a, difference_type n) { return a -= n; }
    friend difference_type operator-(const IndexIterator& a, const IndexIterator& b) {
        return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const IndexIterator& a, const IndexIterator& b) { return a.i_ == b.i_; }
    friend auto operator<=>(const IndexIterator& a, const IndexIterator& b) {
        return a.i_ <=> b.i_;
    }
    std::size_t index() const { return i_; }

private:
    const View* v_ = nullptr;
    std::size_t i_ = 0;
};

// An immutable prefix of an AppendLog (or of imported items): size() items, random access.
template <class T>
class LogView {
    static constexpr std::size_t kItems = kLogBlockItems<T>;

public:
    LogView() = default;
    LogView(std::vector<std::shared_ptr<const LogBlock<T>>> blocks, std::size_t count)
        : blocks_(std::move(blocks)), count_(count) {}
    // Packs a vector (an imported trace) into blocks.
    static LogView from_vector(const std::vector<T>& items) {
        std::vector<std::shared_ptr<const LogBlock<T>>> blocks;
        for (std::size_t i = 0; i < items.size(); i += kItems) {
            auto block = LogBlock<T>::make();
            for (std::size_t j = i; j < items.size() && j < i + kItems; ++j)
                block->items[j - i] = items[j];
            blocks.push_back(std::move(block));
        }
        return LogView(std::move(blocks), items.size());
    }

    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    const T& operator[](std::size_t i) const { return blocks_[i / kItems]->items[i % kItems]; }
    const T& back() const { return (*this)[count_ - 1]; }

    using iterator = IndexIterator<LogView>;
    iterator begin() const { return iterator(this, 0); }
    iterator end() const { return iterator(this, count_); }

private:
    std::vector<std::shared_ptr<const LogBlock<T>>> blocks_;
    std::size_t count_ = 0;
};

template <class T>
class AppendLog {
    static constexpr std::size_t kItems = kLogBlockItems<T>;

public:
    // Reservations under this size get a first block of small pages (see reserve()): at ~20 us
    // per 4 KiB fault here, 256 KiB of them cost about what clearing one huge page does.
    static constexpr std::size_t kSmallFirstBlockBytes = std::size_t{256} << 10;

    // Writer thread only. Takes the block mutex once per kLogBlockSize items (to add a block),
    // never per item.
    void append(const T& item) {
        next_slot() = item;
        publish();
    }
    // Writer thread only: the slot the next item goes to, to be filled in place (no copy) and
    // then made visible with publish(). Readers never see it before. A slot nobody wrote holds
    // zero bytes (see LogBlock::make(); slots are never reused).
    T& next_slot() {
        const std::size_t n = count_.load(std::memory_order_relaxed);
        if (n / kItems == blocks_.size()) {
            // Without a reservation the first block takes small pages: such a log holds few
            // items (the whole task records a lane could not pack).
            auto block = LogBlock<T>::make(blocks_.empty() ? PageSize::Small : PageSize::Huge);
            std::lock_guard lock(blocks_mutex_);
            blocks_.push_back(std::move(block));
        }
        return blocks_[n / kItems]->items[n % kItems];
    }
    void publish() {
        count_.store(count_.load(std::memory_order_relaxed) + 1, std::memory_order_release);
    }
    std::size_t size() const { return count_.load(std::memory_order_acquire); }

    // Before the writer starts: allocates blocks for `items` items, so appending them later
    // takes no allocation. Large blocks' pages are mapped as the writer reaches them, except the
    // first block's:
    // - a small reservation (under kSmallFirstBlockBytes of items: a chunk-sized run's few
    //   hundred or thousand records) gets 4 KiB pages, so its first item waits for one small page,
    //   not for the kernel to clear a huge one (0.2-2 ms held a lane at a run's start on this VM);
    // - a larger one gets a huge page, mapped here, before the writer starts: filling 2 MiB of
    //   4 KiB pages took 512 faults per lane, ~25 ms of a 228,573-task run's system time.
    void reserve(std::size_t items) {
        const std::size_t want = (items + kItems - 1) / kItems;
        const bool small_first = items * sizeof(T) < kSmallFirstBlockBytes;
        std::lock_guard lock(blocks_mutex_);
        while (blocks_.size() < want) {
            const bool first = blocks_.empty();
            blocks_.push_back(
                LogBlock<T>::make(first && small_first ? PageSize::Small : PageSize::Huge));
            if (first && !small_first) {
                // Write, not read: a read would map the shared zero page instead.
                auto* byte =
                    reinterpret_cast<volatile unsigned char*>(blocks_.back()->items.data());
                *byte = 0;
            }
        }
    }

    // Any thread: the items published so far.
    LogView<T> view() const {
        const std::size_t n = count_.load(std::memory_order_acquire);
        std::vector<std::shared_ptr<const LogBlock<T>>> blocks;
        {
            std::lock_guard lock(blocks_mutex_);
            const std::size_t used = (n + kItems - 1) / kItems;
            blocks.assign(blocks_.begin(), blocks_.begin() + static_cast<std::ptrdiff_t>(used));
        }
        return LogView<T>(std::move(blocks), n);
    }

private:
    mutable std::mutex blocks_mutex_;
    std::vector<std::shared_ptr<LogBlock<T>>> blocks_;
    std::atomic<std::size_t> count_{0};
};

}  // namespace cs::trace
