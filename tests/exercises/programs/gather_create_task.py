# Exercise: three downloads together
import asyncio
import time

DELAYS = [1, 3, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"file {i}"


async def main():
    tasks = [asyncio.create_task(download(i, s)) for i, s in enumerate(DELAYS, start=1)]
    results = []
    for task in tasks:
        results.append(await task)
    print(results)


asyncio.run(main())
