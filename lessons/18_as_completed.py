# Lesson 18 · as-completed: results are handed over in the order the jobs finish, each one
# as soon as it is ready, not in the order the jobs were given.
import asyncio

from jobs import job, job_name
from lines import say

DELAYS = [2, 1]


async def main():
    jobs = [asyncio.create_task(job(n, delay), name=job_name(n))
            for n, delay in enumerate(DELAYS, start=1)]
    say("waiting", count=len(jobs))
    arrived = 0
    for next_done in asyncio.as_completed(jobs):
        # The earliest job not handed over yet, whichever it is.
        result = await next_done
        arrived += 1
        say("arrived", arrived=arrived, result=result)
    say("all_arrived", count=arrived)


if __name__ == "__main__":
    asyncio.run(main())
