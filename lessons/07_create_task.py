# Lesson 7 · create-task: a task starts when its creator next awaits, not at create_task.
import asyncio

from jobs import job, job_name
from lines import say

DELAYS = [1, 3, 2]


async def main():
    tasks = [asyncio.create_task(job(n, delay), name=job_name(n))
             for n, delay in enumerate(DELAYS, start=1)]
    # Printed before any job's first line: no task has had a turn yet.
    say("tasks_created", count=len(tasks))
    for task in tasks:
        await task
    say("all_done", count=len(tasks))


if __name__ == "__main__":
    asyncio.run(main())
