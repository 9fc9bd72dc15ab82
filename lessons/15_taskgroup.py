# Lesson 15 · taskgroup: the tasks of a TaskGroup start when the block first waits, and the
# block ends only when every one of them has ended.
import asyncio

from jobs import job, job_name
from lines import say

DELAYS = [1, 2, 3]


async def main():
    tasks = []
    async with asyncio.TaskGroup() as tg:
        for n, delay in enumerate(DELAYS, start=1):
            tasks.append(tg.create_task(job(n, delay), name=job_name(n)))
        # Printed before any job's first line: the body has not waited yet.
        say("all_created", count=len(tasks))
    # Out of the block: every task has ended, so each one has its result.
    results = [task.result() for task in tasks]
    say("group_done", results=results)


if __name__ == "__main__":
    asyncio.run(main())
