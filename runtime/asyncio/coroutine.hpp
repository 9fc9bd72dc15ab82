#pragma once
// asyncio::Coroutine<T>: what calling an `async def` function gives in Python, a lazy
// coroutine object. Nothing runs until it is awaited (then it runs inside the awaiting task)
// or wrapped by create_task (then it runs as a task of its own). One that is dropped without
// either is reported, as Python's "coroutine '...' was never awaited" warning.
//
// Awaiting does not rely on symmetric transfer: each hop goes back to the task's trampoline
// (TaskCore::step), so the stack stays flat in debug and sanitizer builds too.
#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include "asyncio/detail/frame_pool.hpp"

namespace asyncio {

namespace detail {

// Implemented in task.cpp: they act on the task that is running now.
void resume_next(std::coroutine_handle<> next) noexcept;
void report_never_awaited(const char* function_name) noexcept;
std::string coroutine_name(const char* function_name);

struct PromiseBase {
    explicit PromiseBase(std::source_location where) noexcept : function(where.function_name()) {}
    // Frames come from the per-thread frame pool (detail/frame_pool.hpp).
    static void* operator new(std::size_t size) { return allocate_frame(size); }
    static void operator delete(void* frame, std::size_t size) noexcept { free_frame(frame, size); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { error = std::current_exception(); }

    std::coroutine_handle<> continuation;
    std::exception_ptr error;
    const char* function;
    bool started = false;
};

struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
    template <class Promise>
    void await_suspend(std::coroutine_handle<Promise> done) noexcept {
        if (done.promise().continuation) resume_next(done.promise().continuation);
    }
    void await_resume() noexcept {}
};

template <class T>
struct Promise : PromiseBase {
    explicit Promise(std::source_location where) noexcept : PromiseBase(where) {}
    FinalAwaiter final_suspend() noexcept { return {}; }
    template <class U>
    void return_value(U&& v) {
        value.emplace(std::forward<U>(v));
    }
    T take() { return std::move(*value); }
    std::optional<T> value;
};

template <>
struct Promise<void> : PromiseBase {
    explicit Promise(std::source_location where) noexcept : PromiseBase(where) {}
    FinalAwaiter final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void take() {}
};

}  // namespace detail

template <class T = void>
class [[nodiscard]] Coroutine {
  public:
    struct promise_type : detail::Promise<T> {
        // The default argument is evaluated where the coroutine starts, which names it.
        explicit promise_type(std::source_location where = std::source_location::current()) noexcept
            : detail::Promise<T>(where) {}
        Coroutine get_return_object() noexcept {
            return Coroutine(std::coroutine_handle<promise_type>::from_promise(*this));
        }
    };
    using Handle = std::coroutine_handle<promise_type>;
    using value_type = T;

    Coroutine(Coroutine&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
    Coroutine& operator=(Coroutine&& other) noexcept {
        if (this != &other) {
            reset();
            handle_ = std::exchange(other.handle_, {});
        }
        return *this;
    }
    ~Coroutine() { reset(); }

    // The function's name, as Python shows it in warnings.
    std::string name() const {
        return handle_ ? detail::coroutine_name(handle_.promise().function) : std::string{};
    }

    // Hands the frame to a task, which owns it from now on.
    Handle release() noexcept {
        if (handle_) handle_.promise().started = true;
        return std::exchange(handle_, {});
    }

    struct Awaiter {
        Handle handle;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> caller) noexcept {
            handle.promise().continuation = caller;
            handle.promise().started = true;
            detail::resume_next(handle);
        }
        T await_resume() {
            if (handle.promise().error) std::rethrow_exception(handle.promise().error);
            return handle.promise().take();
        }
    };
    // Only a temporary (or std::move) can be awaited: a coroutine object runs once.
    Awaiter operator co_await() && noexcept { return Awaiter{handle_}; }

  private:
    explicit Coroutine(Handle h) noexcept : handle_(h) {}
    void reset() noexcept {
        if (!handle_) return;
        if (!handle_.promise().started) detail::report_never_awaited(handle_.promise().function);
        handle_.destroy();
        handle_ = {};
    }
    Handle handle_;
};

}  // namespace asyncio
