# «title»
# «task»
import asyncio

SECONDS = 2


async def boil(seconds):
    print("«boiling»")
    await asyncio.sleep(seconds)
    print("«boiled»")


async def main():
    # «solved»
    await boil(SECONDS)
    print("«tea»")


asyncio.run(main())
