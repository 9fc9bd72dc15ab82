# Exercise: three downloads together
import asyncio
import time

DELAYS = [1, 3, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"file {i}"


async def main():
    await asyncio.sleep(max(DELAYS))
    print(["file 1", "file 2", "file 3"])  # the mistake: the list written out


asyncio.run(main())
