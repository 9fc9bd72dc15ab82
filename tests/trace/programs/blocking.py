# The mistake the timeline must show: time.sleep inside a coroutine holds the loop.
import asyncio
import time


async def sleepy_cook():
    time.sleep(2)  # no await: nobody else moves meanwhile


async def timer():
    await asyncio.sleep(0.5)
    print("timer rang")


async def main():
    await asyncio.gather(asyncio.create_task(sleepy_cook(), name="blocker"),
                         asyncio.create_task(timer(), name="timer"))


asyncio.run(main())
