# «title»
# «task»
import asyncio

OPEN_AT = 2.5
GUESTS = 3

door = asyncio.Event()


async def doorman():
    await asyncio.sleep(OPEN_AT)
    door.set()
    print("«open»")


async def guest(number):
    # «solved»
    await door.wait()
    print(f"«inside» {number}")


async def main():
    await asyncio.gather(doorman(), *(guest(number) for number in range(1, GUESTS + 1)))


asyncio.run(main())
