#pragma once
// One slot of gather(return_exceptions, ...): the value, or the error the job raised (a
// CancelledError when it was cancelled). Python puts the exception object in the list; C++
// needs a type that can hold either.
#include <exception>
#include <optional>
#include <variant>

namespace asyncio {

template <class T>
struct Outcome {
    std::optional<T> value;
    std::exception_ptr error;
    bool ok() const noexcept { return !error; }
    // The value, or the stored error thrown again.
    T& get() {
        if (error) std::rethrow_exception(error);
        return *value;
    }
};

template <>
struct Outcome<void> {
    std::exception_ptr error;
    bool ok() const noexcept { return !error; }
    void get() const {
        if (error) std::rethrow_exception(error);
    }
};

// What a job returning T contributes to gather's result: T itself, or std::monostate for
// void (Python's None).
template <class T>
using gathered_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

}  // namespace asyncio
