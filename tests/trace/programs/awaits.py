# Waiting on another task, on asyncio.wait, and on a TaskGroup's children.
import asyncio


async def nap(seconds):
    await asyncio.sleep(seconds)


async def main():
    first = asyncio.create_task(nap(1), name="first")
    await first
    second = asyncio.create_task(nap(1), name="second")
    await asyncio.wait([second])
    async with asyncio.TaskGroup() as group:
        group.create_task(nap(1), name="third")


asyncio.run(main())
