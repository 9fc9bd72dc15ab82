# Lesson 19 · wait: asyncio.wait returns (done, pending) as soon as return_when is met or the
# timeout passes. It raises nothing and cancels nothing: what is pending is still running,
# and cancelling it is up to the program.
import asyncio

import twin
from jobs import job_name, risky_job
from twin import say


# The plain job, which raises ValueError instead of returning when `fails`, and says so when
# it is cancelled while it waits (letting the cancellation go on).
def describe(error):
    return f"{type(error).__name__}: {error}"


async def main(p):
    jobs = [asyncio.create_task(risky_job(n, delay, n - 1 == p.fail), name=job_name(n))
            for n, delay in enumerate(p.delays, start=1)]
    say("waiting", count=len(jobs), timeout=p.timeout, return_when=p.return_when)
    done, pending = await asyncio.wait(jobs, timeout=p.timeout,
                                       return_when=getattr(asyncio, p.return_when))
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
    twin.run(main, "wait")
