# Exercise: three downloads together
import asyncio
import time

DELAYS = [1, 3, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"file {i}"


async def main():
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(download(i, s)) for i, s in enumerate(DELAYS, start=1)]
    print([task.result() for task in tasks])


asyncio.run(main())
