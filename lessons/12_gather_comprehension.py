# Lesson 12 · gather-comprehension: an await inside a loop waits for each square in turn;
# gather waits for all of them at once. Both give the same list.
import asyncio

from lines import say

NUMBERS = [1, 2, 4, 8, 16, 32]
DELAY = 1


async def square(n, delay):
    await asyncio.sleep(delay)
    say("squared", n=n, square=n * n)
    return n * n


async def main():
    loop = asyncio.get_running_loop()

    # [await square(n) for n in numbers]: each square starts when the one before has ended.
    say("one_by_one", count=len(NUMBERS))
    start = loop.time()
    squares = [await square(n, DELAY) for n in NUMBERS]
    say("squares", squares=squares, seconds=loop.time() - start)

    # await gather(*[square(n) for n in numbers]): gather makes a task of each coroutine,
    # and all of them wait at the same time.
    say("all_at_once", count=len(NUMBERS))
    start = loop.time()
    squares = await asyncio.gather(*[square(n, DELAY) for n in NUMBERS])
    say("squares", squares=squares, seconds=loop.time() - start)


if __name__ == "__main__":
    asyncio.run(main())
