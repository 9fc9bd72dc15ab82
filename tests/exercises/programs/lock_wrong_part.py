# Exercise: no deposit lost
import asyncio

WORKERS = 5
ROUNDS = 3

balance = 0
lock = asyncio.Lock()


async def deposit():
    global balance
    for _ in range(ROUNDS):
        async with lock:  # the mistake: the lock covers the read only, not the pause and write
            seen = balance
        await asyncio.sleep(0.1)
        balance = seen + 1


async def main():
    await asyncio.gather(*(deposit() for _ in range(WORKERS)))
    print(f"balance: {balance}")


asyncio.run(main())
