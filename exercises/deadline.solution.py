# «title»
# «task»
import asyncio

LEGS = [1, 2, 3]
LIMIT = 4


async def leg(number, seconds):
    await asyncio.sleep(seconds)
    print(f"«arrived» {number}")


async def main():
    # «solved»
    try:
        async with asyncio.timeout(LIMIT):
            for number, seconds in enumerate(LEGS, start=1):
                await leg(number, seconds)
        print("«home»")
    except TimeoutError:
        print(f"«late» {LIMIT} s")


asyncio.run(main())
