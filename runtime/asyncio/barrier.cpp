#include "asyncio/barrier.hpp"

namespace asyncio {

const char* Barrier::state() const noexcept {
    switch (state_) {
        case State::filling:
            return "filling";
        case State::draining:
            return "draining";
        case State::resetting:
            return "resetting";
        case State::broken:
            return "broken";
    }
    return "filling";
}

Barrier::Barrier(int parties, std::string name)
    : cond_(name), name_(std::move(name)), parties_(parties) {
    if (parties < 1) throw ValueError("parties must be > 0");
    cond_.set_wait_kind(WaitOn::barrier, this);
}

Coroutine<int> Barrier::wait() {
    co_await cond_.acquire();
    // Everything below runs with the condition's lock held (wait() re-takes it on the way
    // out, even when cancelled), so the lock is released exactly once at the end.
    std::exception_ptr error;
    int index = 0;
    try {
        co_await block();
        index = count_++;
        std::exception_ptr inner;
        try {
            if (index + 1 == parties_) {
                // The last to arrive opens the barrier for the whole round.
                state_ = State::draining;
                cond_.notify_all();
            } else {
                co_await wait_for_release();
            }
        } catch (...) {
            inner = std::current_exception();
        }
        --count_;
        leave();
        if (inner) std::rethrow_exception(inner);
    } catch (...) {
        error = std::current_exception();
    }
    cond_.release();
    if (error) std::rethrow_exception(error);
    co_return index;
}

Coroutine<> Barrier::block() {
    // A round still draining or resetting: wait for it to end before joining the next one.
    co_await cond_.wait_for(
        [this] { return state_ != State::draining && state_ != State::resetting; });
    if (state_ == State::broken) throw BrokenBarrierError("Barrier aborted");
}

Coroutine<> Barrier::wait_for_release() {
    co_await cond_.wait_for([this] { return state_ != State::filling; });
    if (state_ == State::broken || state_ == State::resetting)
        throw BrokenBarrierError("Abort or reset of barrier");
}

void Barrier::leave() {
    // The last one out ends the draining or resetting round, and wakes those waiting for it.
    if (count_ == 0) {
        if (state_ == State::resetting || state_ == State::draining) state_ = State::filling;
        cond_.notify_all();
    }
}

Coroutine<> Barrier::reset() {
    co_await cond_.acquire();
    if (count_ > 0) {
        if (state_ != State::resetting) state_ = State::resetting;
    } else {
        state_ = State::filling;
    }
    cond_.notify_all();
    cond_.release();
}

Coroutine<> Barrier::abort() {
    co_await cond_.acquire();
    state_ = State::broken;
    cond_.notify_all();
    cond_.release();
}

std::string Barrier::describe_wait() const {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "(" + string + ...
    std::string text = "(";
    if (state_ == State::filling) {
        text += std::to_string(count_);
        text += " of ";
        text += std::to_string(parties_);
        text += " arrived)";
    } else {
        text += state();
        text += ")";
    }
    return detail::named(name_, text);
}

}  // namespace asyncio
