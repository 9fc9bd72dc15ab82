# Lesson 35 · http-retry: a route that fails `fail_times` times before it answers. A retry
# loop tries again after a pause, up to `max_tries` tries, and only gives up after the last
# one (a loop that returns after the first failure never retries at all).
import asyncio

import aiohttp

from lines import say
from test_server import start_test_server

MAX_TRIES = 3
FAIL_TIMES = 2
BACKOFF = 1


async def fetch_with_retries(session, url, max_tries, backoff):
    """True as soon as a try succeeds; False once every try has failed."""
    for attempt in range(1, max_tries + 1):
        say("trying", attempt=attempt, max_tries=max_tries)
        async with session.get(url) as response:
            if response.ok:
                say("succeeded", attempt=attempt, status=response.status)
                return True
            say("failed", attempt=attempt, status=response.status)
        # Not `return` here: that is the mistake the lesson corrects. Pause, then go round.
        if attempt < max_tries:
            say("pausing", seconds=backoff)
            await asyncio.sleep(backoff)
    say("gave_up", max_tries=max_tries)
    return False


async def main():
    server = await start_test_server()
    # The lesson's own route: 503 for the first FAIL_TIMES requests, then 200.
    server.set_route("/unstable", fail_times=FAIL_TIMES)
    async with aiohttp.ClientSession() as session:
        say("route", fail_times=FAIL_TIMES)
        ok = await fetch_with_retries(session, server.url("/unstable"), MAX_TRIES, BACKOFF)
    seen = server.stats("/unstable")
    say("server_counts", requests=seen.requests, failures=seen.failures)
    if ok:
        say("result_ok")
    else:
        say("result_failed")
    server.close()


if __name__ == "__main__":
    asyncio.run(main())
