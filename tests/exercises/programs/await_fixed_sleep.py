# Exercise: wait for the kettle
import asyncio

SECONDS = 2


async def boil(seconds):
    print("the kettle is on")
    await asyncio.sleep(seconds)
    print("the water boils")


async def main():
    # the mistake: the lines written out around a fixed pause instead of awaiting boil
    print("the kettle is on")
    await asyncio.sleep(2)
    print("the water boils")
    print("tea is ready")


asyncio.run(main())
