# «title»
# «task»
import asyncio

SAVE = 3
WORK = 1


async def autosave(seconds):
    await asyncio.sleep(seconds)
    print("«saved»")


async def main():
    # TODO: «todo»
    asyncio.create_task(autosave(SAVE))
    await asyncio.sleep(WORK)
    print("«closing»")


asyncio.run(main())
