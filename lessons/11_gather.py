# Lesson 11 · gather: many awaits at once; results come back in argument order.
import asyncio

from jobs import job, job_name
from lines import say

DELAYS = [1, 5, 3]


async def main():
    jobs = [asyncio.create_task(job(n, delay), name=job_name(n))
            for n, delay in enumerate(DELAYS, start=1)]
    say("gathering", count=len(jobs))
    results = await asyncio.gather(*jobs)
    say("results", results=results)


if __name__ == "__main__":
    asyncio.run(main())
