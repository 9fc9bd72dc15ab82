#pragma once
// asyncio.shield: protect a task from the cancellation of whoever awaits it. Cancelling the
// awaiter cancels only the outer future it waits on; the inner task runs on. Like Python's,
// it takes any awaitable future: a coroutine (wrapped in a task), a task, a future, a gather.
#include "asyncio/gather.hpp"
#include "asyncio/task.hpp"

namespace asyncio {

template <class A>
auto shield(A aw) -> Future<typename detail::ensured_t<A>::value_type> {
    using T = typename detail::ensured_t<A>::value_type;
    auto inner = detail::ensure_future(std::move(aw));
    auto outer = create_future<T>(WaitOn::task);
    outer.state().set_detail(inner.core().detail());
    if (inner.done()) {
        // Python returns the inner future itself; a ready copy behaves the same when awaited.
        if (inner.cancelled()) {
            outer.cancel();
        } else if (auto error = inner.exception()) {
            outer.set_exception(error);
        } else if constexpr (std::is_void_v<T>) {
            outer.set_result();
        } else {
            outer.set_result(inner.result());
        }
        return outer;
    }
    auto inner_id = inner.add_done_callback([outer](const auto& done) {
        if (outer.cancelled()) {
            if (!done.cancelled()) done.core().mark_retrieved();
            return;
        }
        if (done.cancelled()) {
            outer.cancel();
        } else if (auto error = done.exception()) {
            outer.set_exception(error);
        } else if constexpr (std::is_void_v<T>) {
            outer.set_result();
        } else {
            outer.set_result(done.result());
        }
    });
    outer.add_done_callback([inner, inner_id](Future<T>) {
        if (!inner.done()) inner.remove_done_callback(inner_id);
    });
    return outer;
}

}  // namespace asyncio
