# «title»
# «task»
import asyncio

LEGS = [1, 2, 3]
LIMIT = 4


async def leg(number, seconds):
    await asyncio.sleep(seconds)
    print(f"«arrived» {number}")


async def main():
    # TODO: «todo»
    for number, seconds in enumerate(LEGS, start=1):
        await leg(number, seconds)
    print("«home»")


asyncio.run(main())
