# Exercise: at most LIMIT at once
import asyncio

PAGES = 6
LIMIT = 2
SECONDS = 1


async def fetch(page):
    await asyncio.sleep(SECONDS)
    return page * 10


async def main():
    sizes = [await fetch(page) for page in range(1, PAGES + 1)]  # never more than one
    print(f"sizes: {sizes}")


asyncio.run(main())
