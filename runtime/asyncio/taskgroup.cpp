#include "asyncio/taskgroup.hpp"

#include <algorithm>

#include "asyncio/diagnostics.hpp"

namespace asyncio {

struct TaskGroup::State {
    bool entered = false;
    bool exiting = false;
    bool aborting = false;
    bool parent_cancel_requested = false;
    TaskCore* parent = nullptr;
    // Insertion order, so that siblings are cancelled in the order they were created.
    std::vector<TaskCore*> tasks;
    std::vector<std::exception_ptr> errors;
    std::exception_ptr base_error;
    std::shared_ptr<FutureState<void>> on_completed;

    void abort() {
        aborting = true;
        for (auto* t : tasks) {
            if (!t->done()) t->cancel();
        }
    }

    void on_task_done(TaskCore& task) {
        std::erase(tasks, &task);
        if (on_completed && tasks.empty() && !on_completed->done()) on_completed->set_result();
        if (task.cancelled()) return;
        auto error = task.exception();
        if (!error) return;
        errors.push_back(error);
        if (is_exit_error(error) && !base_error) base_error = error;
        if (parent->done()) {
            report_diagnostic(DiagnosticKind::exception_never_retrieved, task.get_name(),
                              describe(error));
            return;
        }
        if (!aborting && !parent_cancel_requested) {
            // The first error: cancel the siblings and the body that is still running.
            abort();
            parent_cancel_requested = true;
            parent->cancel();
        }
    }
};

TaskGroup::TaskGroup() : state_(std::make_shared<State>()) {}

bool TaskGroup::can_create() const noexcept {
    return state_->entered && !(state_->exiting && state_->tasks.empty()) && !state_->aborting;
}

void TaskGroup::check_can_create() const {
    if (!state_->entered) throw RuntimeError("TaskGroup has not been entered");
    if (state_->exiting && state_->tasks.empty()) throw RuntimeError("TaskGroup is finished");
    if (state_->aborting) throw RuntimeError("TaskGroup is shutting down");
}

std::size_t TaskGroup::pending_tasks() const noexcept {
    return state_->tasks.size();
}

void TaskGroup::adopt(std::shared_ptr<TaskCore> task) {
    TaskCore* raw = task.get();
    state_->tasks.push_back(raw);
    raw->add_done_callback([s = state_, task] { s->on_task_done(*task); });
}

void TaskGroup::aenter() {
    if (state_->entered) throw RuntimeError("TaskGroup has already been entered");
    state_->parent = current_task();
    if (!state_->parent) throw RuntimeError("TaskGroup cannot determine the parent task");
    state_->entered = true;
}

Coroutine<bool> TaskGroup::aexit(std::exception_ptr error) {
    auto s = state_;
    s->exiting = true;
    if (error && is_exit_error(error) && !s->base_error) s->base_error = error;
    std::exception_ptr propagate_cancellation = is_cancelled_error(error) ? error : nullptr;
    if (s->parent_cancel_requested) {
        // The cancellation came from us (a child failed): do not pass it on as such.
        if (s->parent->uncancel() == 0) propagate_cancellation = nullptr;
    }
    if (error && !s->aborting) s->abort();

    while (!s->tasks.empty()) {
        if (!s->on_completed)
            s->on_completed =
                std::make_shared<FutureState<void>>(EventLoop::current(), WaitOn::taskgroup);
        bool cancelled_while_waiting = false;
        std::exception_ptr cancellation;
        try {
            co_await detail::FutureAwaiter<FutureState<void>>{*s->on_completed};
        } catch (const CancelledError&) {
            cancelled_while_waiting = true;
            cancellation = std::current_exception();
        }
        if (cancelled_while_waiting && !s->aborting) {
            propagate_cancellation = cancellation;
            s->abort();
        }
        s->on_completed.reset();
    }

    if (s->base_error) std::rethrow_exception(s->base_error);
    if (propagate_cancellation && s->errors.empty()) std::rethrow_exception(propagate_cancellation);
    if (error && !is_cancelled_error(error)) s->errors.push_back(error);
    if (!s->errors.empty()) {
        auto errors = std::move(s->errors);
        // A BaseExceptionGroup when a child raised a BaseException that is not an Exception.
        throw_exception_group("unhandled errors in a TaskGroup", std::move(errors));
    }
    co_return false;
}

}  // namespace asyncio
