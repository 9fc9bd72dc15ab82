# Lesson 6 · never-awaited: calling a coroutine function without await makes a coroutine
# object whose body never runs. It creates no task; Python warns when it is destroyed.
import asyncio

from lines import say

PAUSE = 1      # how long main gives the loop before trying again
SEND_TIME = 1  # how long sending an e-mail takes


async def send_email():
    say("sending")
    await asyncio.sleep(SEND_TIME)
    say("sent")


async def main():
    say("calling")
    # The mistake: the call builds a coroutine object and drops it at once, unstarted
    # (RuntimeWarning: coroutine 'send_email' was never awaited).
    send_email()
    say("called")
    # A whole pause with the loop free: the forgotten body still does not run.
    await asyncio.sleep(PAUSE)
    say("still_nothing", seconds=PAUSE)
    # The fix: await it.
    say("fixing")
    await send_email()


if __name__ == "__main__":
    asyncio.run(main())
