# «title»
# «task»
import asyncio

WORKERS = 5
ROUNDS = 3

balance = 0
lock = asyncio.Lock()


async def deposit():
    global balance
    for _ in range(ROUNDS):
        # «solved»
        async with lock:
            seen = balance
            await asyncio.sleep(0.1)  # «pause»
            balance = seen + 1


async def main():
    await asyncio.gather(*(deposit() for _ in range(WORKERS)))
    print(f"«balance» {balance}")


asyncio.run(main())
