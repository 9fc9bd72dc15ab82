# Three named jobs gathered: each waits on its own timer, main waits on the gather.
import asyncio
import time


async def brew(name, minutes):
    print(f"{name}: on the stove for {minutes}")
    await asyncio.sleep(minutes)
    print(f"{name}: ready")
    return minutes


async def main():
    started = time.perf_counter()
    pots = [asyncio.create_task(brew(name, minutes), name=name)
            for name, minutes in (("tea", 1), ("soup", 3), ("rice", 2))]
    done = await asyncio.gather(*pots)
    print(f"all ready after {time.perf_counter() - started:.1f} s: {done}")


asyncio.run(main())
