#include "asyncio/future.hpp"

#include "asyncio/diagnostics.hpp"
#include "asyncio/task.hpp"

namespace asyncio {

FutureCore::~FutureCore() {
    report_if_unretrieved();
}

void FutureCore::report_if_unretrieved() noexcept {
    if (!log_traceback_) return;
    log_traceback_ = false;
    try {
        report_diagnostic(DiagnosticKind::exception_never_retrieved, name_for_report(),
                          describe(exception_));
    } catch (...) {
    }
}

const std::string& FutureCore::no_text() noexcept {
    static const std::string none;
    return none;
}

bool FutureCore::set_state_cancelled(std::string message) {
    log_traceback_ = false;
    if (state_ != State::pending) return false;
    state_ = State::cancelled;
    if (!message.empty() || text_) text().cancel_message = std::move(message);
    finish();
    return true;
}

bool FutureCore::cancel(std::string message) {
    return set_state_cancelled(std::move(message));
}

std::exception_ptr FutureCore::exception() {
    if (state_ == State::cancelled) throw make_cancelled_error();
    if (state_ != State::finished) throw InvalidStateError("Exception is not set.");
    log_traceback_ = false;
    return exception_;
}

void FutureCore::rethrow_if_failed() {
    if (state_ == State::cancelled) throw make_cancelled_error();
    if (state_ != State::finished) throw InvalidStateError("Result is not set.");
    log_traceback_ = false;
    if (exception_) std::rethrow_exception(exception_);
}

void FutureCore::set_exception(std::exception_ptr error) {
    if (done()) throw InvalidStateError("invalid state");
    exception_ = std::move(error);
    state_ = State::finished;
    log_traceback_ = true;
    finish();
}

FutureCore::CallbackId FutureCore::add_done_callback(std::function<void()> callback) {
    // Future.add_done_callback(fn, context=None) runs fn in a copy of the context current now.
    callback = [context = copy_context(), fn = std::move(callback)] { context.run(fn); };
    if (done()) {
        loop_->call_soon(std::move(callback));
        return 0;
    }
    callbacks().push_back(Callback{nullptr, ++last_callback_id_, std::move(callback), nullptr});
    return last_callback_id_;
}

void FutureCore::drop_callbacks() noexcept {
    first_waiter_ = nullptr;
    // Moved out first: a callback's destructor may free this future.
    auto watcher = std::move(first_watcher_);
    auto dropped = std::move(callbacks_);
}

bool FutureCore::remove_done_callback(CallbackId id) noexcept {
    if (!callbacks_ || id == 0) return false;
    for (auto it = callbacks_->begin(); it != callbacks_->end(); ++it) {
        if (it->id == id) {
            callbacks_->erase(it);
            return true;
        }
    }
    return false;
}

void FutureCore::add_waiter(TaskCore* task) {
    if (done()) {
        loop_->schedule_step(task);
        return;
    }
    // Inline only when it is the first of all: finish() wakes it before the vector's entries.
    if (!first_waiter_ && !first_watcher_ && !has_callbacks()) {
        first_waiter_ = task;
        return;
    }
    callbacks().push_back(Callback{task, 0, {}, nullptr});
}

void FutureCore::add_watcher(std::shared_ptr<detail::ChildWatcher> watcher) {
    if (done()) {
        loop_->schedule_child_done(std::move(watcher), this);
        return;
    }
    // Inline as add_waiter's task is, on the same condition (gather's child mostly has no other).
    if (!first_waiter_ && !first_watcher_ && !has_callbacks()) {
        first_watcher_ = std::move(watcher);
        return;
    }
    callbacks().push_back(Callback{nullptr, 0, {}, std::move(watcher)});
}

void FutureCore::finish() {
    if (TaskCore* first = std::exchange(first_waiter_, nullptr)) loop_->schedule_step(first);
    if (first_watcher_) loop_->schedule_child_done(std::move(first_watcher_), this);
    if (!has_callbacks()) return;
    // Moved out first: a callback may add callbacks to a new future, never to this one.
    auto callbacks = std::move(callbacks_);
    for (auto& callback : *callbacks) {
        if (callback.task) {
            loop_->schedule_step(callback.task);
        } else if (callback.watcher) {
            loop_->schedule_child_done(std::move(callback.watcher), this);
        } else {
            loop_->call_soon(std::move(callback.fn));
        }
    }
}

}  // namespace asyncio
