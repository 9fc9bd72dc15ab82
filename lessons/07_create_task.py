# Lesson 7 · create-task: a task starts when its creator next gives the loop back, not at
# create_task, and not at an await that does not suspend.
import asyncio

import twin
from jobs import job, job_name
from twin import say


# A coroutine with no suspending await inside: awaiting it runs it straight through, and the
# loop never gets a turn.
async def count_pending(tasks):
    return sum(1 for task in tasks if not task.done())


async def main(p):
    tasks = [asyncio.create_task(job(n, delay), name=job_name(n))
             for n, delay in enumerate(p.delays, start=1)]
    # Printed before any job's first line: no task has had a turn yet.
    say("tasks_created", count=len(tasks))
    # An await, but main does not suspend: still no task has run.
    pending = await count_pending(tasks)
    say("awaited_no_suspend", pending=pending)
    # sleep(0) suspends main for one pass: the loop runs the tasks' first steps, then main.
    await asyncio.sleep(0)
    say("loop_given_back", count=len(tasks))
    for task in tasks:
        await task
    say("all_done", count=len(tasks))


if __name__ == "__main__":
    twin.run(main, "create-task")
