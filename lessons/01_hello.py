# Lesson 1 · hello: asyncio.run() makes the loop, runs main to the end, closes the loop.
import asyncio

from lines import say


async def greet():
    say("hello")


async def main():
    # greet() alone only makes a coroutine object; awaiting it is what runs its body.
    await greet()


if __name__ == "__main__":
    asyncio.run(main())
