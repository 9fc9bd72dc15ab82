# Lesson 3 · await-coroutine: awaiting a coroutine runs it to the end and hands back its value.
import asyncio

from lines import say

DELAY = 5


# A slow catalogue service: answers after `delay` seconds with a list of product codes.
async def fetch_products(delay):
    say("fetching", delay=delay)
    await asyncio.sleep(delay)
    products = [101, 205, 317]
    say("fetched", count=len(products))
    return products


async def main():
    say("asking")
    # The body of fetch_products runs here, inside main; await hands back what it returns.
    products = await fetch_products(DELAY)
    say("got_products", count=len(products), products=products)


if __name__ == "__main__":
    asyncio.run(main())
