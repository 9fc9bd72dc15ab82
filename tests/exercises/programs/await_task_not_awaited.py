# Exercise: wait for the kettle
import asyncio

SECONDS = 2


async def boil(seconds):
    print("the kettle is on")
    await asyncio.sleep(seconds)
    print("the water boils")


async def main():
    asyncio.create_task(boil(SECONDS))  # the mistake: a task that nobody awaits
    print("tea is ready")


asyncio.run(main())
