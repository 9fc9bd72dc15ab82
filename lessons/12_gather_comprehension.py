# Lesson 12 · gather-comprehension: an await inside a loop waits for each square in turn;
# gather waits for all of them at once. Both give the same list.
import asyncio

import twin
from twin import say


async def square(n, delay):
    await asyncio.sleep(delay)
    say("squared", n=n, square=n * n)
    return n * n


async def main(p):
    loop = asyncio.get_running_loop()

    # [await square(n) for n in numbers]: each square starts when the one before has ended.
    say("one_by_one", count=len(p.numbers))
    start = loop.time()
    squares = [await square(n, p.delay) for n in p.numbers]
    say("squares", squares=squares, seconds=loop.time() - start)

    # await gather(*[square(n) for n in numbers]): gather makes a task of each coroutine,
    # and all of them wait at the same time.
    say("all_at_once", count=len(p.numbers))
    start = loop.time()
    squares = await asyncio.gather(*[square(n, p.delay) for n in p.numbers])
    say("squares", squares=squares, seconds=loop.time() - start)


if __name__ == "__main__":
    twin.run(main, "gather-comprehension")
