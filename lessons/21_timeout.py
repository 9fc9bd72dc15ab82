# Lesson 21 · timeout: asyncio.timeout() gives a whole block of awaits one deadline. Inside
# the block the deadline can be read, to see the time left, and moved.
import asyncio

from lines import say

DELAY = 10
TIMEOUT = 2


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()  # asyncio's clock starts anywhere: count from here
    # The work: `delay` seconds, done one await of at most a second at a time.
    step = 1

    # 1. One deadline for every await in the block.
    done = 0
    try:
        async with asyncio.timeout(TIMEOUT) as cm:
            say("deadline", timeout=TIMEOUT, when=cm.when() - start)
            while done < DELAY:
                piece = min(step, DELAY - done)
                await asyncio.sleep(piece)
                done += piece
                say("progress", done=done, delay=DELAY, left=cm.when() - loop.time())
        say("in_time", done=done)
    except TimeoutError:
        say("timed_out", done=done, delay=DELAY)

    # 2. The same work, but every step that ends in time moves the deadline `timeout`
    #    seconds ahead of now.
    done = 0
    try:
        async with asyncio.timeout(TIMEOUT) as cm:
            say("moving_deadline", timeout=TIMEOUT, when=cm.when() - start)
            while done < DELAY:
                piece = min(step, DELAY - done)
                await asyncio.sleep(piece)
                done += piece
                cm.reschedule(loop.time() + TIMEOUT)
                say("moved", done=done, delay=DELAY, when=cm.when() - start)
        say("in_time", done=done)
    except TimeoutError:
        say("timed_out", done=done, delay=DELAY)


if __name__ == "__main__":
    asyncio.run(main())
