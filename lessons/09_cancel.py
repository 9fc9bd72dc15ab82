# Lesson 9 · cancel: main awaits its tasks in order and cancels one when it reaches it. The
# cancelled task ends then, without waiting for its own delay; gather shows a CancelledError.
import asyncio

import twin
from jobs import cancellable_job, job_name
from twin import say


# The plain job, saying so when it is cancelled while it waits (and letting the error go on).
async def main(p):
    loop = asyncio.get_running_loop()

    tasks = [asyncio.create_task(cancellable_job(n, delay), name=job_name(n))
             for n, delay in enumerate(p.delays, start=1)]
    if p.cancel >= len(tasks):
        say("no_such_task", cancel=p.cancel)

    for i, task in enumerate(tasks):
        if i == p.cancel:
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
    say("finished", seconds=loop.time())


if __name__ == "__main__":
    twin.run(main, "cancel")
