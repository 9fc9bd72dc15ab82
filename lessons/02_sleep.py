# Lesson 2 · sleep: awaiting asyncio.sleep hands the loop back until the time is up.
import asyncio

import twin
from twin import say


async def main(p):
    say("before", delay=p.delay)
    await asyncio.sleep(p.delay)
    say("after", delay=p.delay)


if __name__ == "__main__":
    twin.run(main, "sleep")
