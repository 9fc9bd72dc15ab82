# «title»
# «task»
import asyncio

DELAYS = [3, 1, 4]
BROKEN = 2


async def check(i, seconds):
    await asyncio.sleep(seconds)
    if i == BROKEN:
        raise ValueError(f"«broken» {i}")
    print(f"«ok» {i}")


async def main():
    # TODO: «todo»
    results = await asyncio.gather(
        *(check(i, seconds) for i, seconds in enumerate(DELAYS, start=1)),
        return_exceptions=True)
    for result in results:
        if isinstance(result, Exception):
            print(f"«failed» {result}")
    print(f"«still» {len(asyncio.all_tasks()) - 1}")


asyncio.run(main())
