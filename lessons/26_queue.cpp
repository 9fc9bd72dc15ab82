// Lesson 26 · queue: a producer and a consumer talk through an asyncio.Queue. Items come out in
// the order they went in; with a maxsize the producer waits while the queue is full; join()
// returns once task_done() has been called for every item. The queue is not thread-safe: a
// thread hands items in through the loop, with call_soon_threadsafe.
#include <functional>
#include <memory>
#include <vector>

#include "lesson.hpp"
#include "random.hpp"

namespace lessons {

namespace {
// Seconds to make one item and to handle one, drawn from the seed (the consumer is slower).
constexpr double make_min = 0.1, make_max = 0.5;
constexpr double handle_min = 0.5, handle_max = 1.5;

// The queue is shared by the tasks that use it: in Python the garbage collector keeps it alive
// while any task still waits on it; in C++ a task stopped after main (Ctrl-C) must not find it
// destroyed with main's frame.
using SharedQueue = std::shared_ptr<asyncio::Queue<int>>;

asyncio::Coroutine<> produce(lesson::Context& ctx, SharedQueue shared,
                             std::vector<double> make_times) {
    auto& queue = *shared;
    for (std::size_t i = 0; i < make_times.size(); ++i) {
        const int item = static_cast<int>(i + 1);
        co_await asyncio::sleep(make_times[i]);
        if (queue.full()) ctx.say("queue_full", {{"item", item}, {"size", queue.qsize()}});
        co_await queue.put(item);  // waits while the queue is full
        ctx.say("put", {{"item", item}, {"size", queue.qsize()}});
    }
    ctx.say("producer_done", {{"count", make_times.size()}});
}

asyncio::Coroutine<> consume(lesson::Context& ctx, SharedQueue shared,
                             std::vector<double> handle_times) {
    auto& queue = *shared;
    for (;;) {
        const int item = co_await queue.get();  // waits while the queue is empty
        ctx.say("got", {{"item", item}, {"size", queue.qsize()}});
        co_await asyncio::sleep(handle_times[static_cast<std::size_t>(item - 1)]);
        ctx.say("handled", {{"item", item}});
        queue.task_done();
    }
}

// Runs on a worker thread. Calling inbox.put_nowait() from here would touch the queue while
// the loop may be using it: asyncio.Queue is not thread-safe. The thread asks the loop to do
// it instead; call_soon_threadsafe is the one loop method made to be called from elsewhere.
void feed_from_thread(asyncio::EventLoop& loop, SharedQueue inbox, int count) {
    for (int item = 1; item <= count; ++item) {
        loop.call_soon_threadsafe([inbox, item] { inbox->put_nowait(item); });
    }
}
}  // namespace

asyncio::Coroutine<> queue(lesson::Context& ctx) {
    const auto items = static_cast<int>(ctx.integer("items"));
    const auto maxsize = static_cast<std::size_t>(ctx.integer("maxsize"));
    const auto seed = static_cast<std::uint64_t>(ctx.integer("seed"));
    const auto count = static_cast<std::size_t>(items);
    const auto make_times = seeded_delays(seed, count, make_min, make_max);
    const auto handle_times = seeded_delays(seed + 1, count, handle_min, handle_max);
    ctx.say("plan", {{"items", items}, {"maxsize", maxsize}});

    auto shared = std::make_shared<asyncio::Queue<int>>(maxsize, "items");
    auto& queue = *shared;
    auto consumer = asyncio::create_task(consume(ctx, shared, handle_times), "consumer");
    auto producer = asyncio::create_task(produce(ctx, shared, make_times), "producer");
    co_await producer;
    ctx.say("joining");
    co_await queue.join();
    ctx.say("joined");
    // The consumer waits for an item that will never come: cancel it.
    consumer.cancel();
    const std::vector waiting{consumer};
    co_await asyncio::wait(waiting);

    // The thread-safe way in, from another thread.
    auto& loop = asyncio::EventLoop::current();
    auto inbox = std::make_shared<asyncio::Queue<int>>(0, "inbox");
    ctx.say("thread_feeding", {{"count", items}});
    co_await asyncio::to_thread(feed_from_thread, std::ref(loop), inbox, items);
    std::vector<int> received;
    while (!inbox->empty()) received.push_back(inbox->get_nowait());
    ctx.say("thread_fed", {{"count", received.size()}, {"items", received}});
}

}  // namespace lessons
