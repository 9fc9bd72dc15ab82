# Exercise: stop the others when one fails
import asyncio

DELAYS = [3, 1, 4]
BROKEN = 2


async def check(i, seconds):
    await asyncio.sleep(seconds)
    if i == BROKEN:
        raise ValueError(f"broken check {i}")
    print(f"check passed: {i}")


async def main():
    try:
        # the mistake: gather hands on the first error but leaves the other checks running
        await asyncio.gather(*(check(i, seconds) for i, seconds in enumerate(DELAYS, start=1)))
    except ValueError as error:
        print(f"failed: {error}")
    print(f"checks still running: {len(asyncio.all_tasks()) - 1}")


asyncio.run(main())
