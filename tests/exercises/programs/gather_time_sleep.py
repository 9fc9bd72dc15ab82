# Exercise: three downloads together
import asyncio
import time

DELAYS = [1, 3, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"file {i}"


async def blocking_download(i, seconds):
    time.sleep(seconds)  # the mistake: holds the loop
    return f"file {i}"


async def main():
    results = await asyncio.gather(
        *(blocking_download(i, s) for i, s in enumerate(DELAYS, start=1)))
    print(results)


asyncio.run(main())
