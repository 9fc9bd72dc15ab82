# Exercise: do not wait forever
import asyncio

SLOW = 10
LIMIT = 2


async def slow_answer(seconds):
    await asyncio.sleep(seconds)
    return 42


async def main():
    answer = await asyncio.wait_for(slow_answer(SLOW), LIMIT)  # the mistake: TimeoutError escapes
    print(f"the answer is {answer}")


asyncio.run(main())
