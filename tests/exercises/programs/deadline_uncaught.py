# Exercise: one deadline for the whole trip
import asyncio

LEGS = [1, 2, 3]
LIMIT = 4


async def leg(number, seconds):
    await asyncio.sleep(seconds)
    print(f"leg done: {number}")


async def main():
    async with asyncio.timeout(LIMIT):  # the mistake: the TimeoutError is not caught
        for number, seconds in enumerate(LEGS, start=1):
            await leg(number, seconds)
    print("home at last")


asyncio.run(main())
