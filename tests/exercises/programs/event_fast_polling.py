# Exercise: the moment the door opens
import asyncio

OPEN_AT = 2.5
GUESTS = 3

door_open = False


async def doorman():
    global door_open
    await asyncio.sleep(OPEN_AT)
    door_open = True
    print("the door is open")


async def guest(number):
    while not door_open:
        await asyncio.sleep(0.5)  # the mistake: looking more often, right for OPEN_AT = 2.5 only
    print(f"guest inside: {number}")


async def main():
    await asyncio.gather(doorman(), *(guest(number) for number in range(1, GUESTS + 1)))


asyncio.run(main())
