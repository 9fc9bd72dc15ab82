# Exercise: no deposit lost
import asyncio

WORKERS = 5
ROUNDS = 3

balance = 0


async def deposit():
    global balance
    for _ in range(ROUNDS):
        async with asyncio.Lock():  # the mistake: a new lock each time, so nobody ever waits
            seen = balance
            await asyncio.sleep(0.1)
            balance = seen + 1


async def main():
    await asyncio.gather(*(deposit() for _ in range(WORKERS)))
    print(f"balance: {balance}")


asyncio.run(main())
