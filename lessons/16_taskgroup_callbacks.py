# Lesson 16 · taskgroup-callbacks: a done-callback handles each result the moment its task
# ends, fastest first. What a callback remembers depends on how it captured its value.
import asyncio

from jobs import delays_or_seeded, job, job_name
from lines import say

DELAYS = []
SEED = 1


# Runs on the loop as soon as the task ends, with the task in hand.
def handled(task):
    say("handled", name=task.get_name(), result=task.result())


async def main():
    delays = delays_or_seeded(DELAYS, SEED)

    async with asyncio.TaskGroup() as tg:
        for n, delay in enumerate(delays, start=1):
            task = tg.create_task(job(n, delay), name=job_name(n))
            task.add_done_callback(handled)
            # Bound now, as a default argument: each callback keeps its own n.
            task.add_done_callback(lambda task, n=n: say("by_value", n=n))
            # Late binding: the lambda looks n up when it runs, after the loop has ended, and
            # finds the last value (the C++ lesson shows this with a reference capture).
            task.add_done_callback(lambda task: say("by_reference", n=n))
        say("all_created", count=len(delays))
    say("group_done")


if __name__ == "__main__":
    asyncio.run(main())
