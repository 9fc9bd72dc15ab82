# «title»
# «task»
import asyncio

SLOW = 10
LIMIT = 2


async def slow_answer(seconds):
    await asyncio.sleep(seconds)
    return 42


async def main():
    # TODO: «todo»
    answer = await slow_answer(SLOW)
    print(f"«answer» {answer}")


asyncio.run(main())
