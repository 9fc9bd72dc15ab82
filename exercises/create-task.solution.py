# «title»
# «task»
import asyncio

WASH = 3
DRY = 2


async def chore(name, seconds):
    await asyncio.sleep(seconds)
    print(f"«finished» {name}")


async def main():
    # «solved»
    washing = asyncio.create_task(chore("«wash»", WASH))
    drying = asyncio.create_task(chore("«dry»", DRY))
    await washing
    await drying
    print("«all_done»")


asyncio.run(main())
