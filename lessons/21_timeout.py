# Lesson 21 · timeout: asyncio.timeout() gives a whole block of awaits one deadline. Inside
# the block the deadline can be read, to see the time left, and moved.
import asyncio

import twin
from twin import say


async def main(p):
    loop = asyncio.get_running_loop()
    # The work: `delay` seconds, done one await of at most a second at a time.
    step = 1

    # 1. One deadline for every await in the block.
    done = 0
    try:
        async with asyncio.timeout(p.timeout) as cm:
            say("deadline", timeout=p.timeout, when=cm.when())
            while done < p.delay:
                piece = min(step, p.delay - done)
                await asyncio.sleep(piece)
                done += piece
                say("progress", done=done, delay=p.delay, left=cm.when() - loop.time())
        say("in_time", done=done)
    except TimeoutError:
        say("timed_out", done=done, delay=p.delay)

    # 2. The same work, but every step that ends in time moves the deadline `timeout`
    #    seconds ahead of now.
    done = 0
    try:
        async with asyncio.timeout(p.timeout) as cm:
            say("moving_deadline", timeout=p.timeout, when=cm.when())
            while done < p.delay:
                piece = min(step, p.delay - done)
                await asyncio.sleep(piece)
                done += piece
                cm.reschedule(loop.time() + p.timeout)
                say("moved", done=done, delay=p.delay, when=cm.when())
        say("in_time", done=done)
    except TimeoutError:
        say("timed_out", done=done, delay=p.delay)


if __name__ == "__main__":
    twin.run(main, "timeout")
