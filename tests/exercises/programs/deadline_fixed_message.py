# Exercise: one deadline for the whole trip
import asyncio

LEGS = [1, 2, 3]
LIMIT = 4


async def leg(number, seconds):
    await asyncio.sleep(seconds)
    print(f"leg done: {number}")


async def main():
    try:
        async with asyncio.timeout(LIMIT):
            for number, seconds in enumerate(LEGS, start=1):
                await leg(number, seconds)
        print("home at last")
    except TimeoutError:
        print("too late, gave up after 4 s")  # the mistake: the limit written out


asyncio.run(main())
