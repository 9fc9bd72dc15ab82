# Lesson 19 · wait: asyncio.wait returns (done, pending) as soon as return_when is met or the
# timeout passes. It raises nothing and cancels nothing: what is pending is still running,
# and cancelling it is up to the program.
import asyncio

from jobs import job_name, risky_job
from lines import say

DELAYS = [2, 1]
TIMEOUT = 1.5
RETURN_WHEN = 'ALL_COMPLETED'
FAIL = -1


def describe(error):
    return f"{type(error).__name__}: {error}"


async def main():
    jobs = [asyncio.create_task(risky_job(n, delay, n - 1 == FAIL), name=job_name(n))
            for n, delay in enumerate(DELAYS, start=1)]
    say("waiting", count=len(jobs), timeout=TIMEOUT, return_when=RETURN_WHEN)
    done, pending = await asyncio.wait(jobs, timeout=TIMEOUT,
                                       return_when=getattr(asyncio, RETURN_WHEN))
    say("returned", done=len(done), pending=len(pending))

    # done and pending are sets: walk them in the order the jobs were given.
    for task in [task for task in jobs if task in done]:
        if task.exception() is not None:
            say("done_failed", name=task.get_name(), error=describe(task.exception()))
        else:
            say("done_ok", name=task.get_name(), result=task.result())
    # wait() cancelled nothing: whatever is pending is still running until we cancel it.
    for task in [task for task in jobs if task in pending]:
        say("still_running", name=task.get_name())
        task.cancel()
    if pending:
        await asyncio.wait(pending)
        say("pending_cancelled", count=len(pending))


if __name__ == "__main__":
    asyncio.run(main())
