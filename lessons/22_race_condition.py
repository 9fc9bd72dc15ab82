# Lesson 22 · race-condition: tasks that read a shared counter, await, and then write it back
# lose each other's updates. No threads are needed for that: an await in the middle is enough.
import asyncio

from jobs import job_name
from lines import say

TASKS = 5

PAUSE = 1  # what each task awaits between reading and writing
counter = 0


async def increment():
    global counter
    seen = counter  # read
    say("read", value=seen)
    # While this task waits, the others run, and each of them reads the same old value.
    await asyncio.sleep(PAUSE)
    counter = seen + 1  # write: whatever the others wrote meanwhile is overwritten
    say("wrote", value=counter)


async def main():
    workers = [asyncio.create_task(increment(), name=job_name(n)) for n in range(1, TASKS + 1)]
    await asyncio.gather(*workers)
    say("final", counter=counter, tasks=TASKS, lost=TASKS - counter)


if __name__ == "__main__":
    asyncio.run(main())
