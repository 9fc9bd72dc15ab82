# Never ends on its own.
import asyncio


async def main():
    beat = 0
    while True:
        await asyncio.sleep(1)
        beat += 1
        print("beat", beat)


asyncio.run(main())
