#pragma once
// asyncio.Barrier (Python 3.11): `parties` tasks meet; each wait() blocks until the last one
// arrives, then all go on, and each gets its own arrival index (0 .. parties-1). The barrier
// is reusable: tasks arriving while the previous round drains wait for the next round.
// abort() breaks it (every waiter, present and future, gets BrokenBarrierError); reset()
// sends BrokenBarrierError to the present waiters and makes it usable again.
//
// Built on a Condition, as CPython's is; a waiting task is shown waiting on "barrier".
#include <exception>
#include <string>

#include "asyncio/condition.hpp"
#include "asyncio/coroutine.hpp"

namespace asyncio {

class Barrier : private detail::WaitSubject {
  public:
    // ValueError when parties < 1.
    explicit Barrier(int parties, std::string name = {});
    Barrier(const Barrier&) = delete;
    Barrier& operator=(const Barrier&) = delete;

    // The arrival index; BrokenBarrierError when the barrier is aborted or reset meanwhile.
    Coroutine<int> wait();
    Coroutine<> reset();
    Coroutine<> abort();

    int parties() const noexcept { return parties_; }
    // How many wait in the round being filled.
    int n_waiting() const noexcept { return state_ == State::filling ? count_ : 0; }
    bool broken() const noexcept { return state_ == State::broken; }
    // The state Python's repr shows: "filling", "draining", "resetting" or "broken".
    const char* state() const noexcept;
    // Python's private _count: tasks inside wait() now, whatever the state.
    int count() const noexcept { return count_; }

    // async with barrier: (the block runs after everyone arrived)
    Coroutine<int> aenter() { return wait(); }
    bool aexit(const std::exception_ptr&) noexcept { return false; }

  private:
    enum class State { filling, draining, resetting, broken };
    std::string describe_wait() const override;
    Coroutine<> block();
    Coroutine<> wait_for_release();
    void leave();

    Condition cond_;
    std::string name_;
    int parties_;
    int count_ = 0;
    State state_ = State::filling;
};

}  // namespace asyncio
