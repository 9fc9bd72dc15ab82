# Lesson 26 · queue: a producer and a consumer talk through an asyncio.Queue. Items come out in
# the order they went in; with a maxsize the producer waits while the queue is full; join()
# returns once task_done() has been called for every item. The queue is not thread-safe: a
# thread hands items in through the loop, with call_soon_threadsafe.
import asyncio

from jobs import seeded_delays
from lines import say

ITEMS = 10
MAXSIZE = 0
SEED = 1

# Seconds to make one item and to handle one, drawn from the seed (the consumer is slower).
MAKE_MIN, MAKE_MAX = 0.1, 0.5
HANDLE_MIN, HANDLE_MAX = 0.5, 1.5


async def produce(queue, make_times):
    for item, make_time in enumerate(make_times, start=1):
        await asyncio.sleep(make_time)
        if queue.full():
            say("queue_full", item=item, size=queue.qsize())
        await queue.put(item)  # waits while the queue is full
        say("put", item=item, size=queue.qsize())
    say("producer_done", count=len(make_times))


async def consume(queue, handle_times):
    while True:
        item = await queue.get()  # waits while the queue is empty
        say("got", item=item, size=queue.qsize())
        await asyncio.sleep(handle_times[item - 1])
        say("handled", item=item)
        queue.task_done()


# Runs on a worker thread. Calling inbox.put_nowait() from here would touch the queue while
# the loop may be using it: asyncio.Queue is not thread-safe. The thread asks the loop to do
# it instead; call_soon_threadsafe is the one loop method made to be called from elsewhere.
def feed_from_thread(loop, inbox, count):
    for item in range(1, count + 1):
        loop.call_soon_threadsafe(inbox.put_nowait, item)


async def main():
    make_times = seeded_delays(SEED, ITEMS, MAKE_MIN, MAKE_MAX)
    handle_times = seeded_delays(SEED + 1, ITEMS, HANDLE_MIN, HANDLE_MAX)
    say("plan", items=ITEMS, maxsize=MAXSIZE)

    queue = asyncio.Queue(MAXSIZE)
    consumer = asyncio.create_task(consume(queue, handle_times), name="consumer")
    producer = asyncio.create_task(produce(queue, make_times), name="producer")
    await producer
    say("joining")
    await queue.join()
    say("joined")
    # The consumer waits for an item that will never come: cancel it.
    consumer.cancel()
    await asyncio.wait([consumer])

    # The thread-safe way in, from another thread.
    loop = asyncio.get_running_loop()
    inbox = asyncio.Queue()
    say("thread_feeding", count=ITEMS)
    await asyncio.to_thread(feed_from_thread, loop, inbox, ITEMS)
    received = []
    while not inbox.empty():
        received.append(inbox.get_nowait())
    say("thread_fed", count=len(received), items=received)


if __name__ == "__main__":
    asyncio.run(main())
