# Exercise: the moment the door opens
import asyncio

OPEN_AT = 2.5
GUESTS = 3

door = asyncio.Event()


async def doorman():
    await asyncio.sleep(OPEN_AT)
    door.set()
    print("the door is open")


async def guest(number):
    door.is_set()  # the mistake: asking is not waiting; the guest goes in at once
    print(f"guest inside: {number}")


async def main():
    await asyncio.gather(doorman(), *(guest(number) for number in range(1, GUESTS + 1)))


asyncio.run(main())
