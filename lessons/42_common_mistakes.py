# Lesson 42 · common-mistakes: four traps, each one run. A coroutine never awaited; calling
# the coroutine object; a task whose error nobody retrieves; main returning while a task
# still runs. Python warns about the first and the third (on stderr); the last task is
# cancelled at asyncio.run()'s exit.
import asyncio

from lines import say


async def send_receipt():
    say("sending")
    await asyncio.sleep(1)
    say("sent")


async def fetch_total():
    say("adding_up")
    await asyncio.sleep(1)
    return 42.5


# Fails after `delay` seconds. Nobody will ask for its error.
async def charge_card(delay):
    say("charging", delay=delay)
    await asyncio.sleep(delay)
    say("declined")
    raise ValueError("card declined")


# Needs `delay` seconds, more than main will give it; says so when it is cancelled.
async def write_report(delay):
    loop = asyncio.get_running_loop()
    end = loop.time() + delay
    say("writing", delay=delay)
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        say("report_cancelled", left=end - loop.time())
        raise
    say("report_written")


async def main():
    # Trap 1: a coroutine called without await. The call only builds a coroutine object,
    # dropped at once, unstarted (RuntimeWarning: coroutine 'send_receipt' was never awaited).
    say("trap_not_awaited")
    send_receipt()
    say("nothing_ran")
    say("fix_await")
    await send_receipt()

    # Trap 2: calling the coroutine object. coro() is no way to run it: it raises TypeError,
    # since a coroutine object is not a function (C++ refuses to compile the same call).
    say("trap_call_object")
    coro = fetch_total()
    try:
        coro()
    except TypeError:  # 'coroutine' object is not callable
        say("not_callable")
    say("fix_await_object")
    total = await coro
    say("got_total", total=total)

    # Trap 3: a task that fails while nobody awaits it. Its error waits inside the task;
    # Python logs "Task exception was never retrieved" when the task is destroyed, here when
    # main returns and drops `payment`.
    say("trap_unretrieved")
    payment = asyncio.create_task(charge_card(1), name="payment")

    # Trap 4: main returns while a task still runs. asyncio.run() does not wait for it: it
    # cancels every task left when main ends.
    say("trap_main_returns")
    report = asyncio.create_task(write_report(5), name="report")

    await asyncio.sleep(2)
    # done() does not retrieve the error; result() or exception() would.
    if payment.done():
        say("payment_done", name=payment.get_name())
    if not report.done():
        say("main_returns", name=report.get_name())


if __name__ == "__main__":
    asyncio.run(main())
