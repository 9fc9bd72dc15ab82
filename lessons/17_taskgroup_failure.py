# Lesson 17 · taskgroup-failure: when one child of a TaskGroup raises, the group cancels every
# sibling still running, ends right then and raises an ExceptionGroup holding the error.
import asyncio

import twin
from jobs import job_name, risky_job
from twin import say


# The plain job, which raises ValueError instead of returning when `fails`, and says so when
# it is cancelled while it waits (letting the cancellation go on).
def describe(error):
    return f"{type(error).__name__}: {error}"


async def main(p):
    if p.fail >= len(p.delays):
        say("nobody_fails", fail=p.fail)

    tasks = []
    try:
        async with asyncio.TaskGroup() as tg:
            for n, delay in enumerate(p.delays, start=1):
                tasks.append(tg.create_task(risky_job(n, delay, n - 1 == p.fail),
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
    twin.run(main, "taskgroup-failure")
