# Exercise: first come, first shown
import asyncio

DELAYS = [3, 1, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"file {i}"


async def main():
    results = await asyncio.gather(
        *(download(i, seconds) for i, seconds in enumerate(DELAYS, start=1)))
    # the mistake: the right order, but every line waits for the slowest download
    for seconds, result in sorted(zip(DELAYS, results)):
        print(f"arrived: {result}")


asyncio.run(main())
