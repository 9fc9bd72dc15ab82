# Lesson 29 · to-thread: asyncio.to_thread runs a blocking call on a worker thread, so the
# loop stays free and the other tasks go on. Either hand the whole blocking function to a
# thread, or keep a coroutine and send only its one blocking call there.
import asyncio
import time

from lines import say

BLOCKING = 5
OTHER = 1


# A plain blocking function, the kind a library offers: it returns after `seconds`.
def read_rows(seconds):
    time.sleep(seconds)  # blocks whatever thread calls it
    return 250


async def other_job(seconds):
    say("other_start", seconds=seconds)
    await asyncio.sleep(seconds)
    say("other_done")


# A coroutine with one blocking call in it: only that call goes to a thread.
async def make_report(seconds):
    say("report_start")
    rows = await asyncio.to_thread(read_rows, seconds)
    say("report_done", rows=rows)
    return rows


async def main():
    loop = asyncio.get_running_loop()

    # 1. The blocking function itself, handed to a thread: to_thread(read_rows, blocking).
    say("function_in_thread", seconds=BLOCKING)
    start = loop.time()
    reader = asyncio.create_task(asyncio.to_thread(read_rows, BLOCKING), name="blocking")
    sleeper = asyncio.create_task(other_job(OTHER), name="other-1")
    await asyncio.gather(reader, sleeper)
    say("rows", rows=reader.result())
    say("part_done", seconds=loop.time() - start)

    # 2. A coroutine that awaits to_thread for its one blocking call.
    say("coroutine_with_thread", seconds=BLOCKING)
    start = loop.time()
    report = asyncio.create_task(make_report(BLOCKING), name="report")
    sleeper = asyncio.create_task(other_job(OTHER), name="other-2")
    await asyncio.gather(report, sleeper)
    say("part_done", seconds=loop.time() - start)


if __name__ == "__main__":
    asyncio.run(main())
