# Lesson 2 · sleep: awaiting asyncio.sleep hands the loop back until the time is up.
import asyncio

from lines import say

DELAY = 1


async def main():
    say("before", delay=DELAY)
    await asyncio.sleep(DELAY)
    say("after", delay=DELAY)


if __name__ == "__main__":
    asyncio.run(main())
