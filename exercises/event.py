# «title»
# «task»
import asyncio

OPEN_AT = 2.5
GUESTS = 3

door_open = False


async def doorman():
    global door_open
    await asyncio.sleep(OPEN_AT)
    door_open = True
    print("«open»")


async def guest(number):
    # TODO: «todo»
    while not door_open:
        await asyncio.sleep(1)
    print(f"«inside» {number}")


async def main():
    await asyncio.gather(doorman(), *(guest(number) for number in range(1, GUESTS + 1)))


asyncio.run(main())
