# Lesson 14 · gather-errors: when a job raises, plain gather hands that error to its awaiter
# at once and lets the other jobs run on; with return_exceptions the error waits in its slot.
import asyncio

from jobs import job_name, risky_job
from lines import say

DELAYS = [1, 2, 3]
FAIL = 1


# One task per delay; the job at position `fail` raises instead of returning.
def start_jobs(delays, fail):
    return [asyncio.create_task(risky_job(n, delay, n - 1 == fail), name=job_name(n))
            for n, delay in enumerate(delays, start=1)]


def describe(error):
    return f"{type(error).__name__}: {error}"


async def main():
    if FAIL >= len(DELAYS):
        say("nobody_fails", fail=FAIL)

    # 1. gather(*jobs): the first error goes straight to main; nobody cancels the others.
    say("plain_gather", count=len(DELAYS))
    jobs = start_jobs(DELAYS, FAIL)
    try:
        results = await asyncio.gather(*jobs)
        say("results", results=results)
    except ValueError as error:
        running = sum(0 if task.done() else 1 for task in jobs)
        say("caught", error=describe(error), running=running)
    # The other jobs are still running: wait until they have finished on their own.
    await asyncio.wait(jobs)
    say("all_ended")

    # 2. gather(*jobs, return_exceptions=True): every slot is filled, errors included.
    say("gather_return_exceptions", count=len(DELAYS))
    jobs = start_jobs(DELAYS, FAIL)
    results = await asyncio.gather(*jobs, return_exceptions=True)
    for slot, result in enumerate(results):
        if isinstance(result, Exception):
            say("slot_error", slot=slot, error=describe(result))
        else:
            say("slot_value", slot=slot, value=result)


if __name__ == "__main__":
    asyncio.run(main())
