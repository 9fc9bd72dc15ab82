# Lesson 8 · tasks-then-coroutines: tasks wait together; coroutines awaited directly wait in
# turn. The clock shows the overlap first and then the staircase.
import asyncio

from jobs import job, job_name
from lines import say

TASK_DELAYS = [1, 2]
CORO_DELAYS = [3, 4]


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()  # asyncio's clock starts anywhere: count from here
    n = 0

    tasks = []
    for delay in TASK_DELAYS:
        n += 1
        tasks.append(asyncio.create_task(job(n, delay), name=job_name(n)))
    say("tasks_created", count=len(tasks))
    for task in tasks:
        await task

    say("coroutines_next", count=len(CORO_DELAYS))
    for delay in CORO_DELAYS:
        n += 1
        await job(n, delay)
    say("finished", seconds=loop.time() - start)


if __name__ == "__main__":
    asyncio.run(main())
