# Exercise: a polite crawler
import asyncio

import aiohttp
from aiohttp import web

PAGES = 6
LIMIT = 2
LATENCY = 1


# a local test server on 127.0.0.1 (no internet): leave it as it is
async def page(request):
    await asyncio.sleep(LATENCY)
    return web.Response(text="x" * int(request.match_info["number"]) * 10)


async def start_server():
    runner = web.AppRunner(web.Application(), access_log=None, keepalive_timeout=None)
    runner.app.router.add_get("/page/{number}", page)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"


slots = asyncio.Semaphore(2)  # the mistake: the limit written out, right for LIMIT = 2 only


async def fetch(session, url, number):
    async with slots:
        async with session.get(f"{url}/page/{number}") as response:
            return len(await response.text())


async def main():
    server, url = await start_server()
    async with aiohttp.ClientSession() as session:
        sizes = await asyncio.gather(
            *(fetch(session, url, number) for number in range(1, PAGES + 1)))
    print(f"page sizes: {sizes}")
    await server.cleanup()


asyncio.run(main())
