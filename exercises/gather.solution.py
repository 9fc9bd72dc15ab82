# «title»
# «task»
import asyncio

DELAYS = [1, 3, 2]


async def download(i, seconds):
    # «download»
    await asyncio.sleep(seconds)
    return f"«file» {i}"


async def main():
    # «solved»
    results = await asyncio.gather(
        *(download(i, seconds) for i, seconds in enumerate(DELAYS, start=1)))
    print(results)


asyncio.run(main())
