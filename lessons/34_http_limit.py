# Lesson 34 · http-limit: a Semaphore caps the requests in flight. The server counts how many
# it holds at once and never sees more than the limit; the run takes about
# ceil(requests / limit) × latency.
import asyncio

import aiohttp

from lines import say
from test_server import start_test_server

REQUESTS = 100
LIMIT = 10
LATENCY = 0.2


async def limited_fetch(session, limit, url):
    async with limit:
        async with session.get(url) as response:
            response.raise_for_status()


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    server = await start_test_server()
    places = asyncio.Semaphore(LIMIT)
    async with aiohttp.ClientSession() as session:
        url = server.url(f"/delay?seconds={LATENCY}")
        tasks = [asyncio.create_task(limited_fetch(session, places, url), name=f"request-{n}")
                 for n in range(1, REQUESTS + 1)]
        say("sending", requests=REQUESTS, limit=LIMIT, latency=LATENCY)
        await asyncio.gather(*tasks)

    seen = server.stats("/delay")
    say("server_counts", answered=seen.requests, peak=seen.peak_in_flight, limit=LIMIT)
    say("finished", seconds=loop.time() - start)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
