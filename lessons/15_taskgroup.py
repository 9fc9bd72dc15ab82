# Lesson 15 · taskgroup: the tasks of a TaskGroup start when the block first waits, and the
# block ends only when every one of them has ended.
import asyncio

import twin
from jobs import job, job_name
from twin import say


async def main(p):
    tasks = []
    async with asyncio.TaskGroup() as tg:
        for n, delay in enumerate(p.delays, start=1):
            tasks.append(tg.create_task(job(n, delay), name=job_name(n)))
        # Printed before any job's first line: the body has not waited yet.
        say("all_created", count=len(tasks))
    # Out of the block: every task has ended, so each one has its result.
    results = [task.result() for task in tasks]
    say("group_done", results=results)


if __name__ == "__main__":
    twin.run(main, "taskgroup")
