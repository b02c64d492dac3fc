// Byte buffers. Chunks are large and immediately overwritten by a decoder, so the buffer type
// leaves new bytes uninitialised on resize (std::vector<uint8_t> would memset every chunk), and
// takes blocks of 4 MiB and more from large_buffer.h (huge pages, reused across chunks).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <vector>

#include "core/util/large_buffer.h"

namespace cs {

template <class T>
struct DefaultInitAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = DefaultInitAllocator<U>;
    };
    using std::allocator<T>::allocator;
    T* allocate(std::size_t n) {
        if (n > std::size_t(-1) / sizeof(T)) throw std::bad_array_new_length();
        if (n * sizeof(T) >= kLargeBufferThreshold)
            return static_cast<T*>(allocate_large(n * sizeof(T)));
        return std::allocator<T>::allocate(n);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        if (n * sizeof(T) >= kLargeBufferThreshold)
            release_large(p, n * sizeof(T));
        else
            std::allocator<T>::deallocate(p, n);
    }
    template <class U>
    void construct(U* p) noexcept {
        ::new (static_cast<void*>(p)) U;  // default-init: no zeroing for trivial types
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

using Bytes = std::vector<std::uint8_t, DefaultInitAllocator<std::uint8_t>>;
using ByteSpan = std::span<const std::uint8_t>;
using MutableByteSpan = std::span<std::uint8_t>;

inline ByteSpan as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_string_view(ByteSpan b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}
// A copy of `s` with one memcpy. Bytes(first, last) would construct byte by byte through the
// allocator (std::vector only uses memmove for std::allocator itself): 29% of a blosc recode
// copy's CPU went to such a copy of each 4 MiB chunk.
inline Bytes copy_bytes(ByteSpan s) {
    Bytes b(s.size());
    if (!s.empty()) std::memcpy(b.data(), s.data(), s.size());
    return b;
}
inline Bytes to_bytes(std::string_view s) {
    return copy_bytes(as_bytes(s));
}

}  // namespace cs
