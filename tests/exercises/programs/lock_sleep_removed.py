# Exercise: no deposit lost
import asyncio

WORKERS = 5
ROUNDS = 3

balance = 0


async def deposit():
    global balance
    for _ in range(ROUNDS):
        balance += 1  # right by chance: nothing awaits between the read and the write


async def main():
    await asyncio.gather(*(deposit() for _ in range(WORKERS)))
    print(f"balance: {balance}")


asyncio.run(main())
