# Lesson 20 · wait-for: wait_for puts a time limit on one await. When the limit passes first,
# the awaited work is cancelled, and only once it has ended does TimeoutError reach main.
import asyncio

from jobs import cancellable_job, job_name
from lines import say

DELAY = 10
TIMEOUT = 2


def say_how_it_ended(task):
    if task.cancelled():
        say("ended_cancelled", name=task.get_name())
    else:
        say("ended_done", name=task.get_name(), result=task.result())


async def main():
    # 1. One task, at most `timeout` seconds. (A task made here, named, so that the timeline
    #    is the same in C++ and in Python 3.11, whose wait_for would wrap a coroutine in a
    #    task of its own.)
    task = asyncio.create_task(cancellable_job(1, DELAY), name=job_name(1))
    say("limit", name=task.get_name(), timeout=TIMEOUT)
    try:
        result = await asyncio.wait_for(task, TIMEOUT)
        say("in_time", result=result)
    except TimeoutError:
        say("timed_out", timeout=TIMEOUT)
    say_how_it_ended(task)

    # 2. The same limit around a gather of two jobs: on timeout, every child still running
    #    is cancelled.
    jobs = [asyncio.create_task(cancellable_job(2, TIMEOUT / 2), name=job_name(2)),
            asyncio.create_task(cancellable_job(3, DELAY), name=job_name(3))]
    say("limit_gather", count=len(jobs), timeout=TIMEOUT)
    try:
        results = await asyncio.wait_for(asyncio.gather(*jobs), TIMEOUT)
        say("gather_in_time", results=results)
    except TimeoutError:
        say("timed_out", timeout=TIMEOUT)
    for job in jobs:
        say_how_it_ended(job)


if __name__ == "__main__":
    asyncio.run(main())
