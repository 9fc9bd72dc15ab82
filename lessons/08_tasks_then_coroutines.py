# Lesson 8 · tasks-then-coroutines: tasks wait together; coroutines awaited directly wait in
# turn. The clock shows the overlap first and then the staircase.
import asyncio

import twin
from jobs import job, job_name
from twin import say


async def main(p):
    loop = asyncio.get_running_loop()
    n = 0

    tasks = []
    for delay in p.task_delays:
        n += 1
        tasks.append(asyncio.create_task(job(n, delay), name=job_name(n)))
    say("tasks_created", count=len(tasks))
    for task in tasks:
        await task

    say("coroutines_next", count=len(p.coro_delays))
    for delay in p.coro_delays:
        n += 1
        await job(n, delay)
    say("finished", seconds=loop.time())


if __name__ == "__main__":
    twin.run(main, "tasks-then-coroutines")
