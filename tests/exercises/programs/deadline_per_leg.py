# Exercise: one deadline for the whole trip
import asyncio

LEGS = [1, 2, 3]
LIMIT = 4


async def leg(number, seconds):
    await asyncio.sleep(seconds)
    print(f"leg done: {number}")


async def main():
    try:
        for number, seconds in enumerate(LEGS, start=1):
            await asyncio.wait_for(leg(number, seconds), LIMIT)  # the mistake: LIMIT per leg
        print("home at last")
    except TimeoutError:
        print(f"too late, gave up after {LIMIT} s")


asyncio.run(main())
