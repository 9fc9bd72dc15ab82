# Lesson 36 · http-partial: asyncio.wait with a timeout takes what has finished by then; the
# requests still pending are cancelled, which closes their connections, and the server sees
# its client go away.
import asyncio

import aiohttp

from lines import say
from test_server import start_test_server

LATENCIES = [1, 2, 6]
TIMEOUT = 5


async def fetch(session, server, n, latency):
    path = f"/delay?seconds={latency}"
    say("fetching", n=n, path=path)
    try:
        async with session.get(server.url(path)) as response:
            say("fetched", n=n, status=response.status)
    except asyncio.CancelledError:
        say("fetch_cancelled", n=n)
        raise
    return latency


async def main():
    server = await start_test_server()
    # Set when the server finds a request's client gone before its answer (status 0).
    client_left = asyncio.Event()
    server.on_request(lambda route, status: status == 0 and client_left.set())
    async with aiohttp.ClientSession() as session:
        requests = [asyncio.create_task(fetch(session, server, n, latency), name=f"fetch-{n}")
                    for n, latency in enumerate(LATENCIES, start=1)]
        say("waiting", count=len(requests), timeout=TIMEOUT)
        done, pending = await asyncio.wait(requests, timeout=TIMEOUT)
        say("returned", done=len(done), pending=len(pending))
        # done and pending are sets: go through them in the order the requests were made.
        for task in requests:
            if task in done:
                say("kept", name=task.get_name(), result=task.result())
        for task in requests:
            if task in pending:
                task.cancel()
        if pending:
            await asyncio.wait(pending)
            await client_left.wait()
            say("server_saw", abandoned=server.stats("/delay").abandoned)
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
