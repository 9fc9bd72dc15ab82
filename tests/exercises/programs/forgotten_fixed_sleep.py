# Exercise: the forgotten autosave
import asyncio

SAVE = 3
WORK = 1


async def autosave(seconds):
    await asyncio.sleep(seconds)
    print("document saved")


async def main():
    asyncio.create_task(autosave(SAVE))
    # the mistake: a pause long enough for the save instead of awaiting the task
    await asyncio.sleep(WORK + SAVE)
    print("closing the editor")


asyncio.run(main())
