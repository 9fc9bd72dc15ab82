# A hundred thousand tasks.
import asyncio


async def wave(n):
    await asyncio.sleep(n % 5)


async def main():
    await asyncio.gather(*(wave(n) for n in range(100_000)))
    print("all waved")


asyncio.run(main())
