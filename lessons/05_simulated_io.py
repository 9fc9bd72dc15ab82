# Lesson 5 · simulated-io: sleep stands in for I/O of unpredictable length; the same seeded
# jobs run one after another (the sum of the delays) and then together (the longest one).
import asyncio

import twin
from jobs import job, job_name
from twin import say


async def main(p):
    low, high = min(p.min, p.max), max(p.min, p.max)
    delays = twin.seeded_delays(p.seed, p.count, low, high)
    say("delays", seed=p.seed, delays=delays)
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
    twin.run(main, "simulated-io")
