# The job most lessons start from (the twin of jobs.hpp).
import asyncio

from twin import say


async def job(n, delay):
    say("job_start", n=n, delay=delay)
    await asyncio.sleep(delay)
    say("job_done", n=n)
    return delay


def job_name(n):
    return f"job-{n}"
