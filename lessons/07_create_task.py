# Lesson 7 · create-task: a task starts when its creator next awaits, not at create_task.
import asyncio

import twin
from jobs import job, job_name
from twin import say


async def main(p):
    tasks = [asyncio.create_task(job(n, delay), name=job_name(n))
             for n, delay in enumerate(p.delays, start=1)]
    # Printed before any job's first line: no task has had a turn yet.
    say("tasks_created", count=len(tasks))
    for task in tasks:
        await task
    say("all_done", count=len(tasks))


if __name__ == "__main__":
    twin.run(main, "create-task")
