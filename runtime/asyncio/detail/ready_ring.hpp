#pragma once
// The loop's ready queue: a first-in, first-out ring on one growing array. std::deque frees
// and allocates a node every 21 items as the queue turns over, which a loop that only ever
// pushes at the back and pops at the front never needs; here the array only grows (to the
// most items ready at once) and a push or a pop is an index update.
#include <cstddef>
#include <memory>
#include <utility>

namespace asyncio::detail {

template <class T>
class ReadyRing {
  public:
    ReadyRing() = default;
    ReadyRing(const ReadyRing&) = delete;
    ReadyRing& operator=(const ReadyRing&) = delete;

    bool empty() const noexcept { return count_ == 0; }
    std::size_t size() const noexcept { return count_; }

    void push_back(T item) {
        if (count_ == capacity_) grow();
        slots_[(head_ + count_) & (capacity_ - 1)] = std::move(item);
        ++count_;
    }
    // Moves the first item out; its slot is left empty (moved from).
    T pop_front() noexcept {
        T item = std::move(slots_[head_]);
        head_ = (head_ + 1) & (capacity_ - 1);
        --count_;
        return item;
    }
    // The i-th item from the front.
    const T& operator[](std::size_t i) const noexcept {
        return slots_[(head_ + i) & (capacity_ - 1)];
    }
    void clear() noexcept {
        while (count_ > 0) static_cast<void>(pop_front());
        head_ = 0;
    }

  private:
    void grow() {
        const std::size_t bigger = capacity_ == 0 ? 64 : capacity_ * 2;  // a power of two
        auto slots = std::make_unique<T[]>(bigger);
        for (std::size_t i = 0; i < count_; ++i)
            slots[i] = std::move(slots_[(head_ + i) & (capacity_ - 1)]);
        slots_ = std::move(slots);
        capacity_ = bigger;
        head_ = 0;
    }

    std::unique_ptr<T[]> slots_;
    std::size_t capacity_ = 0;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
};

}  // namespace asyncio::detail
