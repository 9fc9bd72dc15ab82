# Lesson 27 · deadlock: two tasks take the same two locks in opposite order. Each ends up
# holding one lock and waiting for the other, forever. Plain Python hangs here without a word
# (asyncdemo, and lessons/twin.py for this twin, notice it and report what each task waits on).
import asyncio

from lines import say

HOLD = 0.5


class NamedLock(asyncio.Lock):
    """An asyncio.Lock with a name, for the lines (and the deadlock report)."""

    def __init__(self, name):
        super().__init__()
        self.name = name


async def worker(first, second, hold):
    async with first:
        say("took", lock=first.name)
        # Long enough for the other worker to take its first lock.
        await asyncio.sleep(hold)
        say("wants", lock=second.name, held=first.name)
        async with second:
            say("took_both")


async def main():
    a = NamedLock("A")
    b = NamedLock("B")
    # The bug: opposite orders. Taking the locks in one agreed order (A, then B) everywhere
    # would make the deadlock impossible.
    one = asyncio.create_task(worker(a, b, HOLD), name="worker-1")
    two = asyncio.create_task(worker(b, a, HOLD), name="worker-2")
    say("started")
    await asyncio.gather(one, two)
    say("finished")  # never reached


if __name__ == "__main__":
    asyncio.run(main())
