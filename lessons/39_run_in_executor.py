# Lesson 39 · run-in-executor: a library that only knows how to block (requests here,
# libcurl's easy interface in C++) still fits in an asyncio program: loop.run_in_executor hands
# the blocking GET to a worker thread and gives back a future to await, while another task
# keeps ticking on the loop. The GET goes to the lessons' local test server (start it with
# `asyncdemo serve`), whose /delay?seconds=S route answers after S seconds.
import asyncio
import os
import time

import requests

from lines import say

LATENCY = 1
SERVER = os.environ.get("ASYNCDEMO_SERVER", "http://127.0.0.1:8080")  # asyncdemo serve
TICK_EVERY = 0.25
# Under asyncdemo's virtual clock (`asyncdemo trace --clock virtual` says so in ASYNCDEMO_CLOCK)
# time stops while a real call runs on a thread, so a server that answers late would never
# answer: as the C++ lesson does, the route answers at once and the thread's time.sleep, which
# there lasts that many virtual seconds, stands for the latency.
VIRTUAL_CLOCK = os.environ.get("ASYNCDEMO_CLOCK") == "virtual"


def blocking_get(url, cost):
    time.sleep(cost)  # nothing under the real clock
    return requests.get(url)  # blocks its thread until the answer


# Ticks every 0.25 s until the GET is done: the loop is free while the thread blocks.
async def ticker(get):
    n = 0
    while True:
        await asyncio.sleep(TICK_EVERY)
        if get.done():
            break
        n += 1
        say("tick", n=n)


async def main():
    loop = asyncio.get_running_loop()
    answer_after = 0 if VIRTUAL_CLOCK else LATENCY
    url = f"{SERVER}/delay?seconds={answer_after}"

    say("get_start", latency=LATENCY)
    start = loop.time()
    get = loop.run_in_executor(None, blocking_get, url, LATENCY - answer_after)
    ticking = asyncio.create_task(ticker(get), name="ticker")
    response = await get
    say("get_done", status=response.status_code, seconds=loop.time() - start)
    await ticking


if __name__ == "__main__":
    asyncio.run(main())
