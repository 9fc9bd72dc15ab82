#include "asyncio/gather.hpp"

namespace asyncio::detail {

EventLoop& gather_loop(const std::vector<FutureCore*>& children) {
    if (children.empty()) return EventLoop::current();
    EventLoop& loop = children.front()->loop();
    for (const auto* child : children) {
        if (&child->loop() != &loop)
            throw ValueError(
                "The future belongs to a different loop than the one specified as the loop "
                "argument");
    }
    return loop;
}

bool GatherCore::cancel(std::string message) {
    log_traceback_ = false;
    if (done()) return false;
    bool any = false;
    for (auto& child : children_) {
        if (child->cancel(message)) any = true;
    }
    if (any) {
        // The outer future becomes cancelled only once every child has ended (child_done).
        cancel_requested_ = true;
        cancel_request_message_ = std::move(message);
    }
    return any;
}

void GatherCore::add_child(std::shared_ptr<FutureCore> child) {
    FutureCore* raw = child.get();
    children_.push_back(std::move(child));
    // The child holds the gathering future alive until it has reported.
    raw->add_watcher(shared_from_this());
}

void GatherCore::seal() {
    if (children_.empty() && !done()) set_result();
}

std::string GatherCore::detail() const {
    std::string names;
    for (const auto& child : children_) {
        if (!names.empty()) names += ", ";
        names += child->detail();
    }
    return names;
}

void GatherCore::child_done(FutureCore& child) {
    ++finished_;
    if (done()) {
        // Too late to matter: only mark the error as seen so it is not reported as lost.
        if (!child.cancelled()) child.mark_retrieved();
        return;
    }
    if (!return_exceptions_) {
        if (child.cancelled()) {
            set_exception(std::make_exception_ptr(CancelledError(child.cancel_message())));
            return;
        }
        if (auto error = child.exception()) {
            set_exception(error);
            return;
        }
    }
    if (finished_ == children_.size()) {
        for (auto& c : children_) {
            if (!c->cancelled()) c->mark_retrieved();
        }
        if (cancel_requested_) {
            set_exception(std::make_exception_ptr(CancelledError(cancel_request_message_)));
        } else {
            set_result();
        }
    }
}

}  // namespace asyncio::detail
