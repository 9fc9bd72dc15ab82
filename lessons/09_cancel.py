# Lesson 9 · cancel: main awaits its tasks in order and cancels one when it reaches it. The
# cancelled task ends then, without waiting for its own delay; gather shows a CancelledError.
import asyncio

from jobs import cancellable_job, job_name
from lines import say

DELAYS = [3, 1, 20000]
CANCEL = 2


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()  # asyncio's clock starts anywhere: count from here

    tasks = [asyncio.create_task(cancellable_job(n, delay), name=job_name(n))
             for n, delay in enumerate(DELAYS, start=1)]
    if CANCEL >= len(tasks):
        say("no_such_task", cancel=CANCEL)

    for i, task in enumerate(tasks):
        if i == CANCEL:
            if task.cancel():
                say("cancelling", name=task.get_name())
            else:
                say("too_late", name=task.get_name())
        else:
            say("awaiting", name=task.get_name())
            await task

    # Every slot, as gather(..., return_exceptions=True) hands them back.
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for i, result in enumerate(results):
        if isinstance(result, BaseException):
            say("slot_error", index=i, error=type(result).__name__)
        else:
            say("slot_value", index=i, value=result)
    say("finished", seconds=loop.time() - start)


if __name__ == "__main__":
    asyncio.run(main())
