# aiohttp: a client asks a local aiohttp server, which takes one second (its own timer).
import asyncio

from aiohttp import ClientSession, web


async def slow_hello(request):
    await asyncio.sleep(1)
    return web.Response(text="hello")


async def main():
    app = web.Application()
    app.router.add_get("/", slow_hello)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    async with ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/") as response:
            print("got", await response.text())
    await runner.cleanup()


asyncio.run(main())
