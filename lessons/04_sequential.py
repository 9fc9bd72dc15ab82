# Lesson 4 · sequential: awaiting coroutines one after another runs them one after another.
import asyncio

from jobs import job
from lines import say

DELAYS = [1, 3, 2]


async def main():
    for i, delay in enumerate(DELAYS, start=1):
        await job(i, delay)
    say("all_done", count=len(DELAYS))


if __name__ == "__main__":
    asyncio.run(main())
