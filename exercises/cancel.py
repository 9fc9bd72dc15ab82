# «title»
# «task»
import asyncio

PARTS = 5
PATIENCE = 2.5


async def download():
    print("«opened»")
    # TODO: «todo»
    for part in range(1, PARTS + 1):
        await asyncio.sleep(1)
        print(f"«part» {part}")
    print("«closed»")


async def main():
    job = asyncio.create_task(download())
    await asyncio.sleep(PATIENCE)
    job.cancel()
    print("«stopped»")


asyncio.run(main())
