# «title»
# «task»
import asyncio

WASH = 3
DRY = 2


async def chore(name, seconds):
    await asyncio.sleep(seconds)
    print(f"«finished» {name}")


async def main():
    # TODO: «todo»
    await chore("«wash»", WASH)
    await chore("«dry»", DRY)
    print("«all_done»")


asyncio.run(main())
