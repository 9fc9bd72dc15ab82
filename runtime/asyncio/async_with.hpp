#pragma once
// Python's `async with CM() as x: body`, for C++: the manager's aenter() is awaited, the
// body runs, and aexit(error) always runs after it, whether the body returned or raised, and
// may replace the error (Timeout turns a cancellation into TimeoutError) or suppress it.
//
//     co_await asyncio::async_with(asyncio::TaskGroup(), [&](asyncio::TaskGroup& tg)
//                                  -> asyncio::Coroutine<> { tg.create_task(job(1)); co_return; });
//
// The manager is kept by value when given a temporary, by reference when given a variable
// (a Lock), so it outlives the body either way.
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "asyncio/coroutine.hpp"
#include "asyncio/errors.hpp"

namespace asyncio {

namespace detail {
template <class F, class CM>
auto call_body(F& body, CM& cm) {
    if constexpr (std::is_invocable_v<F&, CM&>)
        return body(cm);
    else
        return body();
}
template <class F, class CM>
using body_result_t =
    typename decltype(call_body(std::declval<F&>(), std::declval<CM&>()))::value_type;

template <class A>
concept Awaitable = requires(A&& a) {
    std::move(a).operator co_await();
}
|| requires(A&& a) {
    a.await_ready();
};

template <class Stored, class F, class R>
Coroutine<R> async_with_impl(Stored cm, F body) {
    if constexpr (Awaitable<decltype(cm.aenter())>)
        co_await cm.aenter();
    else
        cm.aenter();
    std::exception_ptr error;
    std::conditional_t<std::is_void_v<R>, bool, std::optional<R>> result{};
    try {
        if constexpr (std::is_void_v<R>)
            co_await call_body(body, cm);
        else
            result.emplace(co_await call_body(body, cm));
    } catch (...) {
        error = std::current_exception();
    }
    bool suppress = false;
    if constexpr (Awaitable<decltype(cm.aexit(error))>)
        suppress = co_await cm.aexit(error);
    else
        suppress = cm.aexit(error);
    if (error && !suppress) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<R>) {
        if (!result) throw RuntimeError("async_with: the body's error was suppressed, no value");
        co_return std::move(*result);
    }
}
}  // namespace detail

template <class CM, class F>
auto async_with(CM&& cm, F body) {
    using Stored = std::conditional_t<std::is_lvalue_reference_v<CM>, CM, std::decay_t<CM>>;
    using R = detail::body_result_t<F, std::remove_reference_t<CM>>;
    return detail::async_with_impl<Stored, F, R>(std::forward<CM>(cm), std::move(body));
}

}  // namespace asyncio
