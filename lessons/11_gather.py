# Lesson 11 · gather: many awaits at once; results come back in argument order.
import asyncio

import twin
from jobs import job, job_name
from twin import say


async def main(p):
    jobs = [asyncio.create_task(job(n, delay), name=job_name(n))
            for n, delay in enumerate(p.delays, start=1)]
    say("gathering", count=len(jobs))
    results = await asyncio.gather(*jobs)
    say("results", results=results)


if __name__ == "__main__":
    twin.run(main, "gather")
