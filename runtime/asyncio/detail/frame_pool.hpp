#pragma once
// Where coroutine frames live. Every call of a coroutine (lock.acquire(), queue.get(), each
// task's body) allocates its frame and frees it when done; the general allocator spends more
// on that than the coroutine spends running. Frames of one size come and go together, so
// freed frames are kept per size class on a per-thread free list and handed out again.
//
// Under AddressSanitizer the pool steps aside (frames go straight to operator new), so a use
// after free of a frame is still caught.
#include <cstddef>

namespace asyncio::detail {

void* allocate_frame(std::size_t size);
void free_frame(void* frame, std::size_t size) noexcept;

// The same pool for objects made with std::allocate_shared (task states, waiters' futures):
// object and control block in one pooled block.
template <class T>
struct PoolAllocator {
    using value_type = T;
    PoolAllocator() noexcept = default;
    template <class U>
    PoolAllocator(const PoolAllocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(allocate_frame(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { free_frame(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const PoolAllocator<U>&) const noexcept {
        return true;
    }
};

}  // namespace asyncio::detail
