# «title»
# «task»
import asyncio

DELAYS = [3, 1, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"«file» {i}"


async def main():
    # «solved»
    downloads = [download(i, seconds) for i, seconds in enumerate(DELAYS, start=1)]
    for next_one in asyncio.as_completed(downloads):
        result = await next_one
        print(f"«arrived» {result}")


asyncio.run(main())
