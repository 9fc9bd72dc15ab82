# Lesson 17 · taskgroup-failure: when one child of a TaskGroup raises, the group cancels every
# sibling still running, ends right then and raises an ExceptionGroup holding the error.
import asyncio

from jobs import job_name, risky_job
from lines import say

DELAYS = [1, 2, 3]
FAIL = 0


def describe(error):
    return f"{type(error).__name__}: {error}"


async def main():
    if FAIL >= len(DELAYS):
        say("nobody_fails", fail=FAIL)

    tasks = []
    try:
        async with asyncio.TaskGroup() as tg:
            for n, delay in enumerate(DELAYS, start=1):
                tasks.append(tg.create_task(risky_job(n, delay, n - 1 == FAIL),
                                            name=job_name(n)))
            say("all_created", count=len(tasks))
        say("group_done")
    except ExceptionGroup as group:  # or: except* ValueError
        say("group_raised", count=len(group.exceptions))
        for error in group.exceptions:
            say("group_error", error=describe(error))

    # How each child ended.
    for task in tasks:
        if task.cancelled():
            say("ended_cancelled", name=task.get_name())
        elif task.exception() is not None:
            say("ended_failed", name=task.get_name())
        else:
            say("ended_done", name=task.get_name(), result=task.result())


if __name__ == "__main__":
    asyncio.run(main())
