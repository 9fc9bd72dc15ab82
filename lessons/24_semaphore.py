# Lesson 24 · semaphore: a Semaphore(limit) lets at most `limit` tasks into a block at once;
# the others wait their turn, first come, first served.
import asyncio

from jobs import job_name
from lines import say

TASKS = 5
LIMIT = 2
HOLD = 1


class Room:
    def __init__(self, limit):
        self.places = asyncio.Semaphore(limit)
        self.inside = 0  # tasks inside the block right now
        self.peak = 0    # the most there ever were at once


async def visit(room, limit, hold):
    async with room.places:
        room.inside += 1
        room.peak = max(room.peak, room.inside)
        say("entered", inside=room.inside, limit=limit)
        await asyncio.sleep(hold)
        room.inside -= 1
        say("leaving", inside=room.inside)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()  # asyncio's clock starts anywhere: count from here
    room = Room(LIMIT)
    visitors = [asyncio.create_task(visit(room, LIMIT, HOLD), name=job_name(n))
                for n in range(1, TASKS + 1)]
    say("created", tasks=TASKS, limit=LIMIT)
    await asyncio.gather(*visitors)
    say("peak", peak=room.peak, limit=LIMIT)
    say("finished", seconds=loop.time() - start)


if __name__ == "__main__":
    asyncio.run(main())
