// A task still pending when its loop closes (one created while asyncio.run was cancelling the
// others, so never in the list it cancelled) has its frame destroyed by the closing loop and
// never ends. A done callback added through its Task handle holds the task for the call; a
// closed loop never makes that call, so the loop drops such callbacks, or the task would keep
// itself alive forever.
#include <memory>
#include <vector>

#include "support.hpp"

using asyncio::Coroutine;

namespace {

using Watched = std::vector<std::weak_ptr<asyncio::TaskCore>>;

Coroutine<> forever() {
    asyncio::Event never;
    co_await never.wait();
}

// Starts `forever` only once it is cancelled, so the new task misses the run's cancel-all.
Coroutine<> spawner(std::shared_ptr<Watched> watched) {
    bool cancelled = false;
    try {
        co_await asyncio::sleep(10);
    } catch (const asyncio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {
        auto late = asyncio::create_task(forever(), "late");
        watched->push_back(late.shared_state());
        late.add_done_callback([late](const asyncio::Task<>&) {});
        throw asyncio::CancelledError();
    }
}

Coroutine<> main_that_ends_early(std::shared_ptr<Watched> watched) {
    auto task = asyncio::create_task(spawner(watched), "spawner");
    co_await asyncio::sleep(1);
}

}  // namespace

TEST_CASE("loop: a task left pending at close is freed, even when its done callback holds it") {
    const auto failed_closes = asyncio::diagnostics::failed_loop_closes();
    auto watched = std::make_shared<Watched>();
    testing::run_virtual(main_that_ends_early(watched));
    REQUIRE(watched->size() == 1);
    CHECK(watched->front().expired());
    CHECK(asyncio::diagnostics::failed_loop_closes() == failed_closes);
}
