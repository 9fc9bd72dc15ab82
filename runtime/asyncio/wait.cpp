#include "asyncio/wait.hpp"

namespace asyncio::detail {

struct Waiter::State {
    std::vector<FutureCore*> futures;
    std::vector<FutureCore::CallbackId> callbacks;
    std::optional<double> timeout;
    std::optional<Duration> duration;  // the timeout when given as a Duration
    ReturnWhen when;
    std::shared_ptr<FutureState<void>> ready;
    TimerHandle timer;
    std::size_t counter = 0;

    void on_completion(FutureCore& f) {
        --counter;
        if (counter == 0 || when == FIRST_COMPLETED ||
            (when == FIRST_EXCEPTION && !f.cancelled() && f.exception())) {
            timer.cancel();
            if (!ready->done()) ready->set_result();
        }
    }
    void remove_callbacks() {
        timer.cancel();
        for (std::size_t i = 0; i < futures.size(); ++i)
            futures[i]->remove_done_callback(callbacks[i]);
    }
};

Waiter::Waiter(std::vector<FutureCore*> futures, std::optional<double> timeout, ReturnWhen when)
    : state_(std::make_shared<State>()) {
    state_->futures = std::move(futures);
    state_->timeout = timeout;
    state_->when = when;
}

Waiter::Waiter(std::vector<FutureCore*> futures, Duration timeout, ReturnWhen when)
    : Waiter(std::move(futures), std::nullopt, when) {
    state_->duration = timeout;
}

Coroutine<> Waiter::until_ready() {
    auto s = state_;
    auto& loop = EventLoop::current();
    s->ready = std::make_shared<FutureState<void>>(loop, WaitOn::wait);
    auto wake = [r = s->ready] {
        if (!r->done()) r->set_result();
    };
    if (s->duration) s->timer = loop.call_later(*s->duration, wake);
    if (s->timeout) s->timer = loop.call_later(*s->timeout, wake);
    s->counter = s->futures.size();
    for (auto* f : s->futures) {
        s->callbacks.push_back(f->add_done_callback([s, f] { s->on_completion(*f); }));
    }
    try {
        co_await FutureAwaiter<FutureState<void>>{*s->ready};
    } catch (...) {
        s->remove_callbacks();
        throw;
    }
    s->remove_callbacks();
}

}  // namespace asyncio::detail
