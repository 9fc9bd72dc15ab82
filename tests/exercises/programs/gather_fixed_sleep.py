# Exercise: three downloads together
import asyncio
import time

DELAYS = [1, 3, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"file {i}"


async def main():
    await asyncio.sleep(3)  # the mistake: a fixed time, right only for DELAYS as written
    print([f"file {i}" for i in range(1, len(DELAYS) + 1)])


asyncio.run(main())
