# Exercise: two chores at once
import asyncio

WASH = 3
DRY = 2


async def chore(name, seconds):
    await asyncio.sleep(seconds)
    print(f"finished: {name}")


async def main():
    # the mistake: each task awaited as soon as it is made, so they still run in turn
    await asyncio.create_task(chore("washing", WASH))
    await asyncio.create_task(chore("drying", DRY))
    print("all chores done")


asyncio.run(main())
