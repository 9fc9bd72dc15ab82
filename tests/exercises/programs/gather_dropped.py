# Exercise: three downloads together
import asyncio
import time

DELAYS = [1, 3, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"file {i}"


async def main():
    results = await asyncio.gather(*(download(i, s) for i, s in enumerate(DELAYS, start=1)))
    print(results[:-1])  # the mistake: one result is lost


asyncio.run(main())
