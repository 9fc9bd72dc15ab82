# «title»
# «task»
import asyncio

SLOW = 10
LIMIT = 2


async def slow_answer(seconds):
    await asyncio.sleep(seconds)
    return 42


async def main():
    # «solved»
    try:
        answer = await asyncio.wait_for(slow_answer(SLOW), LIMIT)
        print(f"«answer» {answer}")
    except TimeoutError:
        print(f"«gave_up» {LIMIT} s")


asyncio.run(main())
