# Lesson 16 · taskgroup-callbacks: a done-callback handles each result the moment its task
# ends, fastest first. What a callback remembers depends on how it captured its value. The
# jobs go in batches, one TaskGroup after another, so as not to flood a service.
import asyncio
import math

import twin
from jobs import delays_or_seeded, job, job_name
from twin import say


# Runs on the loop as soon as the task ends, with the task in hand.
def handled(task):
    say("handled", name=task.get_name(), result=task.result())


async def main(p):
    delays = delays_or_seeded(p)
    # Sending every request at once can flood the service that answers them, so the jobs go
    # in batches: each batch is a TaskGroup of its own, and the next one starts only when it
    # has ended. batch=0 means one batch with every job.
    size = min(p.batch, len(delays)) if p.batch else len(delays)
    batches = math.ceil(len(delays) / size)
    jobs = list(enumerate(delays, start=1))

    for first in range(0, len(jobs), size):
        chunk = jobs[first:first + size]
        if batches > 1:
            say("batch_start", k=first // size + 1, batches=batches, count=len(chunk))
        async with asyncio.TaskGroup() as tg:
            for n, delay in chunk:
                task = tg.create_task(job(n, delay), name=job_name(n))
                task.add_done_callback(handled)
                # Bound now, as a default argument: each callback keeps its own n.
                task.add_done_callback(lambda task, n=n: say("by_value", n=n))
                # Late binding: the lambda looks n up when it runs, after its batch has been
                # created, and finds the last value so far (the C++ lesson shows this with a
                # reference capture).
                task.add_done_callback(lambda task: say("by_reference", n=n))
            say("all_created", count=len(chunk))
        say("group_done")


if __name__ == "__main__":
    twin.run(main, "taskgroup-callbacks")
