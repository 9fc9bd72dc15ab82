#pragma once
// The one way the runtime owns a libuv handle. libuv may touch a handle until its close
// callback has run, so the memory lives on the heap and is freed in that callback, never
// by the owner's destructor directly. Owners are movable but never copyable: a copy would
// close the same handle twice.
#include <uv.h>

#include <string>
#include <utility>

#include "asyncio/errors.hpp"

namespace asyncio::detail {

// Throws RuntimeError naming the libuv call and its error when `rc` is a libuv failure.
inline void check_uv(int rc, const char* call) {
    if (rc < 0) throw RuntimeError(std::string(call) + ": " + uv_strerror(rc));
}

template <class Handle>
class UvHandle {
  public:
    UvHandle() : handle_(new Handle{}) {}
    ~UvHandle() { close(); }
    UvHandle(const UvHandle&) = delete;
    UvHandle& operator=(const UvHandle&) = delete;
    UvHandle(UvHandle&& other) noexcept
        : handle_(std::exchange(other.handle_, nullptr)),
          registered_(std::exchange(other.registered_, false)) {}
    UvHandle& operator=(UvHandle&& other) noexcept {
        if (this != &other) {
            close();
            handle_ = std::exchange(other.handle_, nullptr);
            registered_ = std::exchange(other.registered_, false);
        }
        return *this;
    }

    // Takes the result of uv_*_init(loop, get(), ...): from then on the loop knows the
    // handle and only uv_close may free it. A failed init throws; the memory is freed here.
    void init(int rc, const char* call) {
        check_uv(rc, call);
        registered_ = true;
    }

    Handle* get() const noexcept { return handle_; }
    uv_handle_t* base() const noexcept { return reinterpret_cast<uv_handle_t*>(handle_); }
    explicit operator bool() const noexcept { return handle_ != nullptr; }

    // The object a callback works for, stored in the handle's `data`.
    template <class Owner>
    void set_owner(Owner* owner) noexcept {
        handle_->data = owner;
    }

    // Starts closing; the memory goes in the close callback. Safe to call twice.
    void close() noexcept {
        if (!handle_) return;
        if (registered_) {
            if (!uv_is_closing(base()))
                uv_close(base(), [](uv_handle_t* h) { delete reinterpret_cast<Handle*>(h); });
        } else {
            delete handle_;
        }
        handle_ = nullptr;
        registered_ = false;
    }

  private:
    Handle* handle_;
    bool registered_ = false;
};

// The owner set with UvHandle::set_owner, from inside a libuv callback.
template <class Owner, class Handle>
Owner* owner_of(Handle* handle) noexcept {
    return static_cast<Owner*>(handle->data);
}

}  // namespace asyncio::detail
