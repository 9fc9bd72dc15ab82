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
        async with asyncio.TaskGroup() as group:
            for i, seconds in enumerate(DELAYS, start=1):
                group.create_task(check(i, seconds))
    except ValueError as error:  # the mistake: the group raises an ExceptionGroup, not this
        print(f"failed: {error}")
    print(f"checks still running: {len(asyncio.all_tasks()) - 1}")


asyncio.run(main())
