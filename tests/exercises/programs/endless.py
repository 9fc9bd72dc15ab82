# Exercise: the waiter goes home
import asyncio

ORDERS = 4


async def main():
    while True:
        await asyncio.sleep(1)


asyncio.run(main())
