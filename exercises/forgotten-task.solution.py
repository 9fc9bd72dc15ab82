# «title»
# «task»
import asyncio

SAVE = 3
WORK = 1


async def autosave(seconds):
    await asyncio.sleep(seconds)
    print("«saved»")


async def main():
    # «solved»
    saving = asyncio.create_task(autosave(SAVE))
    await asyncio.sleep(WORK)
    await saving
    print("«closing»")


asyncio.run(main())
