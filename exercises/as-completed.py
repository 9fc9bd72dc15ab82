# «title»
# «task»
import asyncio

DELAYS = [3, 1, 2]


async def download(i, seconds):
    await asyncio.sleep(seconds)
    return f"«file» {i}"


async def main():
    # TODO: «todo»
    results = await asyncio.gather(
        *(download(i, seconds) for i, seconds in enumerate(DELAYS, start=1)))
    for result in results:
        print(f"«arrived» {result}")


asyncio.run(main())
