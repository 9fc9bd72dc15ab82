#pragma once
// asyncio.TaskGroup (Python 3.11): the block ends only when every child task has ended. The
// first child that fails cancels its siblings and the body; on the way out the group raises
// an ExceptionGroup holding every error its children raised (a BaseExceptionGroup when one
// of them is not an Exception). KeyboardInterrupt and SystemExit are raised as they are.
//
//     co_await asyncio::async_with(asyncio::TaskGroup(), [&](asyncio::TaskGroup& tg)
//                                  -> asyncio::Coroutine<> {
//         tg.create_task(job(1));
//         tg.create_task(job(2));
//         co_return;
//     });
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asyncio/task.hpp"

namespace asyncio {

class TaskGroup {
  public:
    TaskGroup();

    template <class T>
    Task<T> create_task(Coroutine<T> coro, std::string name = {},
                        std::optional<Context> context = std::nullopt) {
        if (!can_create()) {
            coro.release().destroy();  // like Python closing the coroutine: no warning
            check_can_create();
        }
        auto task = asyncio::create_task(std::move(coro), std::move(name), std::move(context));
        adopt(task.shared_state());
        return task;
    }

    void aenter();
    Coroutine<bool> aexit(std::exception_ptr error);
    // How many of its tasks are still running (Python's len(g._tasks), which CPython's own
    // tests look at).
    std::size_t pending_tasks() const noexcept;

  private:
    struct State;
    bool can_create() const noexcept;
    void check_can_create() const;
    void adopt(std::shared_ptr<TaskCore> task);
    std::shared_ptr<State> state_;
};

}  // namespace asyncio
