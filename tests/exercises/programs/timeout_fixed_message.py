# Exercise: do not wait forever
import asyncio

SLOW = 10
LIMIT = 2


async def slow_answer(seconds):
    await asyncio.sleep(seconds)
    return 42


async def main():
    try:
        answer = await asyncio.wait_for(slow_answer(SLOW), LIMIT)
        print(f"the answer is {answer}")
    except TimeoutError:
        print("gave up after 2 s")  # the mistake: the limit written out


asyncio.run(main())
