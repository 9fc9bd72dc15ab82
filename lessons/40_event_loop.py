# Lesson 40 · event-loop: a loop driven by hand, as Python code does with new_event_loop(),
# run_until_complete(), run_forever(), stop() and close(). Two periodic tasks print the time
# while it runs, and main says what the loop is made of.
import asyncio
import os
import selectors

from jobs import seeded_delays
from lines import say

DURATION = 5
SEED = 1


# Prints loop.time() at every multiple of `period` until it is cancelled. It sleeps until the
# next multiple, not `period` after the last tick, so the ticks do not drift. (Rounded to
# whole nanoseconds, as asyncdemo's timers are, so that 3 × 0.7 is 2.1 and not 2.0999….)
async def ticker(period):
    loop = asyncio.get_running_loop()
    name = asyncio.current_task().get_name()
    say("ticker_start", name=name, period=period)
    start = loop.time()  # asyncio's clock starts anywhere: count from here
    ticks = 0
    try:
        while True:
            next_tick = round((ticks + 1) * period, 9)
            await asyncio.sleep(start + next_tick - loop.time())
            ticks += 1
            say("tick", name=name, n=ticks, time=loop.time() - start)
    except asyncio.CancelledError:
        say("ticker_cancelled", name=name, ticks=ticks)
        raise


# What the loop waits with. Python's selector loop takes the selectors module's best choice,
# epoll on Linux as for libuv; its file descriptor stands where uv_backend_fd() does in C++.
def backend_of(loop):
    name = selectors.DefaultSelector.__name__.removesuffix("Selector").lower()
    fd = loop._selector.fileno()
    try:
        kind = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        kind = f"fd {fd}"
    return name, kind


# The main coroutine of run_until_complete: it says what the loop is made of and returns
# the name of its backend.
async def inspect():
    loop = asyncio.get_running_loop()
    say("until_complete")
    backend, kind = backend_of(loop)
    say("backend", backend=backend, kind=kind)
    # One pass of the loop (BaseEventLoop._run_once): wait for I/O or for the next timer,
    # move the due timers to the ready queue, run what was ready when the pass began.
    say("one_pass")
    # Under asyncdemo's loop, the wait is one turn of libuv, which goes through its phases.
    say("phases_wait")
    say("phases_poll", backend=backend)
    return backend


# The end of the story: waits until the cancelled tickers have ended.
async def shutdown(tickers):
    await asyncio.wait(tickers)
    say("closing", count=len(tickers))


def event_loop():
    periods = seeded_delays(SEED, 2, 1, 3)

    loop = asyncio.new_event_loop()
    start = loop.time()
    # Tasks made before the loop runs wait in its ready queue for its first pass.
    ticker_a = loop.create_task(ticker(periods[0]), name="ticker-a")
    ticker_b = loop.create_task(ticker(periods[1]), name="ticker-b")

    # 1. run_until_complete(main): the loop runs until main is done, and every task that is
    #    ready runs meanwhile, the tickers too.
    main_task = loop.create_task(inspect(), name="main")
    backend = loop.run_until_complete(main_task)

    # 2. run_forever(): the loop runs until something calls stop(), here a timer callback.
    #    Callbacks run on the loop outside any task; they speak for the code out here.
    def announce():
        say("returned", backend=backend)
        say("forever", duration=DURATION)

    def stop():
        say("stop", time=loop.time() - start)
        loop.stop()

    loop.call_soon(announce)
    loop.call_later(DURATION, stop)
    loop.run_forever()

    # 3. What asyncio.run() does before closing its loop: cancel the tasks still alive, then
    #    run the loop until they have ended.
    ticker_a.cancel()
    ticker_b.cancel()
    tickers = [ticker_a, ticker_b]
    loop.run_until_complete(loop.create_task(shutdown(tickers), name="shutdown"))

    # 4. loop.close()
    loop.close()


if __name__ == "__main__":
    event_loop()
