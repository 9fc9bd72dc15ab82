# Lesson 29 · to-thread: asyncio.to_thread runs a blocking call on a worker thread, so the
# loop stays free and the other tasks go on. Either hand the whole blocking function to a
# thread, or keep a coroutine and send only its one blocking call there.
#
# twin.to_thread is asyncio.to_thread; under --clock virtual it also makes the thread's
# time.sleep (twin.blocking_sleep) count on the virtual clock.
import asyncio

import twin
from twin import say


# A plain blocking function, the kind a library offers: it returns after `seconds`.
def read_rows(seconds):
    twin.blocking_sleep(seconds)  # time.sleep(seconds), on whatever thread calls it
    return 250


async def other_job(seconds):
    say("other_start", seconds=seconds)
    await asyncio.sleep(seconds)
    say("other_done")


# A coroutine with one blocking call in it: only that call goes to a thread.
async def make_report(seconds):
    say("report_start")
    rows = await twin.to_thread(read_rows, seconds)
    say("report_done", rows=rows)
    return rows


async def main(p):
    loop = asyncio.get_running_loop()

    # 1. The blocking function itself, handed to a thread: to_thread(read_rows, blocking).
    say("function_in_thread", seconds=p.blocking)
    start = loop.time()
    reader = asyncio.create_task(twin.to_thread(read_rows, p.blocking), name="blocking")
    sleeper = asyncio.create_task(other_job(p.other), name="other-1")
    await asyncio.gather(reader, sleeper)
    say("rows", rows=reader.result())
    say("part_done", seconds=loop.time() - start)

    # 2. A coroutine that awaits to_thread for its one blocking call.
    say("coroutine_with_thread", seconds=p.blocking)
    start = loop.time()
    report = asyncio.create_task(make_report(p.blocking), name="report")
    sleeper = asyncio.create_task(other_job(p.other), name="other-2")
    await asyncio.gather(report, sleeper)
    say("part_done", seconds=loop.time() - start)


if __name__ == "__main__":
    twin.run(main, "to-thread")
