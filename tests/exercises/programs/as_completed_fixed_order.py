# Exercise: first come, first shown
import asyncio

DELAYS = [3, 1, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"file {i}"


async def main():
    tasks = [asyncio.create_task(download(i, seconds)) for i, seconds in enumerate(DELAYS, start=1)]
    for i in (2, 3, 1):  # the mistake: the finishing order of DELAYS as written, written out
        print(f"arrived: {await tasks[i - 1]}")


asyncio.run(main())
