# «title»
# «task»
import asyncio

ORDERS = 4


async def kitchen(queue):
    for number in range(1, ORDERS + 1):
        await asyncio.sleep(1)
        await queue.put(number)
    # «solved»
    await queue.put(None)


async def waiter(queue):
    while True:
        number = await queue.get()
        if number is None:
            break
        print(f"«served» {number}")


async def main():
    queue = asyncio.Queue()
    await asyncio.gather(kitchen(queue), waiter(queue))
    print("«closed»")


asyncio.run(main())
