# Lesson 23 · lock: `async with lock:` lets one task at a time into the critical section, in
# the order they asked; the read, the await and the write are no longer interleaved.
import asyncio

from jobs import job_name
from lines import say

TASKS = 5
HOLD = 1


class Shared:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.counter = 0
        self.order = []  # who got in, in turn


async def increment(shared, hold):
    say("wants_lock")
    async with shared.lock:
        shared.order.append(asyncio.current_task().get_name())
        seen = shared.counter  # read
        say("got_lock", value=seen)
        await asyncio.sleep(hold)  # the others wait at the door meanwhile
        shared.counter = seen + 1  # write
        say("releasing", value=shared.counter)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()  # asyncio's clock starts anywhere: count from here
    shared = Shared()
    workers = [asyncio.create_task(increment(shared, HOLD), name=job_name(n))
               for n in range(1, TASKS + 1)]
    await asyncio.gather(*workers)
    say("order", order=shared.order)
    say("final", counter=shared.counter, tasks=TASKS,
        seconds=loop.time() - start)


if __name__ == "__main__":
    asyncio.run(main())
