# Lesson 33 · http-fetch: real HTTP requests to the local test server, whose routes answer
# after their latency. One after another they take the sum of the latencies; together, with
# gather, the longest one.
import asyncio

import aiohttp

from lines import say
from test_server import start_test_server

LATENCIES = [1, 2, 3]


async def fetch(session, server, n, latency):
    path = f"/delay?seconds={latency}"
    say("fetching", n=n, path=path)
    async with session.get(server.url(path)) as response:
        await response.text()
        say("fetched", n=n, status=response.status)
    return latency


async def main():
    loop = asyncio.get_running_loop()
    server = await start_test_server()  # 127.0.0.1, a free port
    async with aiohttp.ClientSession() as session:
        say("server_ready", count=len(LATENCIES))

        start = loop.time()
        for n, latency in enumerate(LATENCIES, start=1):
            await fetch(session, server, n, latency)
        say("one_by_one", seconds=loop.time() - start)

        together = loop.time()
        requests = [asyncio.create_task(fetch(session, server, n, latency), name=f"fetch-{n}")
                    for n, latency in enumerate(LATENCIES, start=1)]
        await asyncio.gather(*requests)
        say("together", seconds=loop.time() - together)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
