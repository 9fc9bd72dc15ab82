# Exercise: at most LIMIT at once
import asyncio

PAGES = 6
LIMIT = 2
SECONDS = 1

slots = asyncio.Semaphore(LIMIT)


async def fetch(page):
    async with slots:  # the mistake: the slot is given back before the fetch
        pass
    await asyncio.sleep(SECONDS)
    return page * 10


async def main():
    sizes = await asyncio.gather(*(fetch(page) for page in range(1, PAGES + 1)))
    print(f"sizes: {sizes}")


asyncio.run(main())
