# Lesson 5 · simulated-io: sleep stands in for I/O of unpredictable length; the same seeded
# jobs run one after another (the sum of the delays) and then together (the longest one).
import asyncio

from jobs import job, job_name, seeded_delays
from lines import say

COUNT = 5
MIN = 1
MAX = 5
SEED = 1


async def main():
    low, high = min(MIN, MAX), max(MIN, MAX)
    delays = seeded_delays(SEED, COUNT, low, high)
    say("delays", seed=SEED, delays=delays)
    loop = asyncio.get_running_loop()

    say("one_by_one")
    start = loop.time()
    for n, delay in enumerate(delays, start=1):
        await job(n, delay)
    one_by_one = loop.time() - start
    say("one_by_one_total", seconds=one_by_one)

    say("together")
    start = loop.time()
    tasks = [asyncio.create_task(job(n, delay), name=job_name(n))
             for n, delay in enumerate(delays, start=1)]
    await asyncio.gather(*tasks)
    together = loop.time() - start
    say("together_total", seconds=together)

    say("saved", one_by_one=one_by_one, together=together, saved=one_by_one - together)


if __name__ == "__main__":
    asyncio.run(main())
