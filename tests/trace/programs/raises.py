# A task that fails: main awaits it, so the program ends with its error.
import asyncio


async def check_stock(item):
    await asyncio.sleep(1)
    raise LookupError(f"no {item} left")


async def main():
    await asyncio.create_task(check_stock("flour"), name="stock")


asyncio.run(main())
