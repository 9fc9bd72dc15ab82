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
    # «solved»
    try:
        async with asyncio.TaskGroup() as group:
            for i, seconds in enumerate(DELAYS, start=1):
                group.create_task(check(i, seconds))
    except* ValueError as failed:
        for error in failed.exceptions:
            print(f"«failed» {error}")
    print(f"«still» {len(asyncio.all_tasks()) - 1}")


asyncio.run(main())
