# Exercise: do not wait forever
import asyncio

SLOW = 10
LIMIT = 2


async def main():
    await asyncio.wait_for(asyncio.sleep(SLOW), LIMIT)  # TimeoutError not caught


asyncio.run(main())
