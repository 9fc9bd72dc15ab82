# «title»
# «task»
import asyncio

DELAYS = [1, 3, 2]


async def download(i, seconds):
    # «download»
    await asyncio.sleep(seconds)
    return f"«file» {i}"


async def main():
    # TODO: «todo»
    results = []
    for i, seconds in enumerate(DELAYS, start=1):
        results.append(await download(i, seconds))
    print(results)


asyncio.run(main())
