# Exercise: the waiter goes home
import asyncio

ORDERS = 4


async def kitchen(queue):
    for number in range(1, ORDERS + 1):
        await asyncio.sleep(1)
        await queue.put(number)


async def waiter(queue):
    for _ in range(4):  # the mistake: the number of orders written out
        number = await queue.get()
        print(f"served order {number}")


async def main():
    queue = asyncio.Queue()
    await asyncio.gather(kitchen(queue), waiter(queue))
    print("the restaurant is closed")


asyncio.run(main())
