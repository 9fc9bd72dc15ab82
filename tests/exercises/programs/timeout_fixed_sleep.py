# Exercise: do not wait forever
import asyncio

SLOW = 10
LIMIT = 2


async def slow_answer(seconds):
    await asyncio.sleep(seconds)
    return 42


async def main():
    answer = asyncio.create_task(slow_answer(SLOW))
    await asyncio.sleep(LIMIT)  # the mistake: always waits LIMIT, even for an early answer
    if answer.done():
        print(f"the answer is {answer.result()}")
    else:
        answer.cancel()
        print(f"gave up after {LIMIT} s")


asyncio.run(main())
