# Prints some megabytes.
import asyncio


async def main():
    for n in range(60_000):
        print(f"line {n:6d} " + "." * 80)
    await asyncio.sleep(1)
    print("quiet now")


asyncio.run(main())
