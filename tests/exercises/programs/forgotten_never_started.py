# Exercise: the forgotten autosave
import asyncio

SAVE = 3
WORK = 1


async def autosave(seconds):
    await asyncio.sleep(seconds)
    print("document saved")


async def main():
    autosave(SAVE)  # the mistake: a coroutine called, neither awaited nor made a task
    await asyncio.sleep(WORK)
    print("closing the editor")


asyncio.run(main())
