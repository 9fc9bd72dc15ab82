# Exercise: two chores at once
import asyncio

WASH = 3
DRY = 2


async def chore(name, seconds):
    await asyncio.sleep(seconds)
    print(f"finished: {name}")


async def main():
    # the mistake: both started, never awaited: main ends first and they are lost
    asyncio.create_task(chore("washing", WASH))
    asyncio.create_task(chore("drying", DRY))
    print("all chores done")


asyncio.run(main())
