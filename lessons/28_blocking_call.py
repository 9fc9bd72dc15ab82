# Lesson 28 · blocking-call: a blocking call inside a coroutine (time.sleep, a slow library
# call, a long computation) holds the loop's only thread, and every other task stands still
# until it returns. Making CPU-bound work a coroutine does not make it any faster either.
import asyncio
import time

from jobs import burn_cpu
from lines import say

BLOCKING = 5
OTHER = 1


async def blocking_job(seconds):
    say("blocking_start", seconds=seconds)
    time.sleep(seconds)  # no await: the loop is held
    say("blocking_done")


async def other_job(seconds, t0):
    began = asyncio.get_running_loop().time() - t0
    say("other_start", seconds=seconds)
    await asyncio.sleep(seconds)
    say("other_done", seconds=seconds, start=began)


# CPU-bound work: `seconds` of computing on the loop's thread.
def crunch(seconds):
    return burn_cpu(seconds)


# The same work in a coroutine: it has nothing to await, so it runs from start to end in one
# go, holding the loop exactly as long.
async def crunch_async(seconds):
    return crunch(seconds)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()  # asyncio's clock starts anywhere: count from here

    # 1. A task that blocks, and another that only wants to sleep for `other` seconds.
    blocker = asyncio.create_task(blocking_job(BLOCKING), name="blocking")
    sleeper = asyncio.create_task(other_job(OTHER, t0), name="other")
    await asyncio.gather(blocker, sleeper)
    say("both_done", seconds=loop.time() - t0)

    # 2. CPU-bound work: two pieces of `other` seconds, as plain calls and then as coroutines.
    say("cpu_plain", seconds=OTHER)
    start = loop.time()
    crunch(OTHER)
    crunch(OTHER)
    say("cpu_total", seconds=loop.time() - start)

    say("cpu_coroutines", seconds=OTHER)
    start = loop.time()
    pieces = [asyncio.create_task(crunch_async(OTHER), name="cpu-1"),
              asyncio.create_task(crunch_async(OTHER), name="cpu-2")]
    await asyncio.gather(*pieces)
    say("cpu_total", seconds=loop.time() - start)


if __name__ == "__main__":
    asyncio.run(main())
