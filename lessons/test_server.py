"""The lessons' HTTP test server, in Python (the twin of lessons/server/): aiohttp.web's
low-level server on 127.0.0.1 only, on the running loop, so that under the virtual clock a
route of 2 seconds answers exactly 2 loop seconds after its request arrived, as the C++ server
does. aiohttp parses the requests and writes the answers.

    server = await start_test_server()          # listening on a free port
    server.set_route("/unstable", fail_times=2)  # a route of the lesson's own
    url = server.url("/delay?seconds=1")         # http://127.0.0.1:PORT/delay?seconds=1
    server.stats("/delay").peak_in_flight        # what the server saw
    server.close()

Routes: /delay?seconds=S (200 after S seconds) and the lesson's own. A lesson's route answers
503 to its first fail_times requests, then 200. Connections are kept alive; a client that
goes before its answer counts as `abandoned` and is reported to on_request with status 0.

When ASYNCDEMO_SERVER names a running `asyncdemo serve` (http://127.0.0.1:PORT),
start_test_server() gives that server instead, under the real clock (twin.py and
`asyncdemo trace` keep a program on the virtual clock on its own server), as the C++ lessons
do (lessons/http_lessons.hpp), so that a test runs both against one server: the counts are
that server's since the lesson began (read from its /stats route), a lesson's own route
becomes the server's /flaky route with a key of its own, and on_request hears of abandoned
requests only, by polling /stats.
"""
import asyncio
import collections
import json
import os
from urllib.request import urlopen

from aiohttp import web


class RouteStats:
    def __init__(self):
        self.requests = 0        # requests received
        self.in_flight = 0       # received and not answered yet
        self.peak_in_flight = 0  # the most at once
        self.failures = 0        # answered with 503 by fail_times
        self.abandoned = 0       # the client closed before its answer was sent


class _Connections(web.Server):
    """aiohttp.web's low-level server, told when a connection closes: aiohttp 3.8 lets a
    handler run on after its client has gone, so the handler that connection is waiting on is
    cancelled here, at once, as the client's leaving is what the lessons show."""

    def __init__(self, test_server):
        # keepalive_timeout=None: an idle connection stays open until its client closes it
        # (no timer of aiohttp's own on the loop, which the virtual clock would jump to).
        super().__init__(test_server._handle, access_log=None, keepalive_timeout=None)
        self.answering = {}  # connection -> the task of the request it is answering

    def connection_lost(self, handler, exc=None):
        super().connection_lost(handler, exc)
        task = self.answering.pop(handler, None)
        if task is not None:
            task.cancel()


class TestServer:
    def __init__(self):
        self._server = None
        self._connections = _Connections(self)
        self._routes = {}
        self._attempts = collections.Counter()
        self._stats = collections.defaultdict(RouteStats)
        self._log = None

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port()}{path}"

    def port(self):
        return self._server.sockets[0].getsockname()[1]

    def set_route(self, path, fail_times=0, latency=0):
        self._routes[path] = (fail_times, latency)

    def on_request(self, callback):
        """callback(route, status) for each request answered, or abandoned (status 0)."""
        self._log = callback

    def stats(self, route):
        return self._stats[route]

    def close(self):
        self._server.close()

    async def _handle(self, request):
        if request.path in self._routes:
            route, latency = request.path, self._routes[request.path][1]
        else:
            route, latency = "/delay", float(request.query.get("seconds", "0"))
        stats = self._stats[route]
        stats.requests += 1
        stats.in_flight += 1
        stats.peak_in_flight = max(stats.peak_in_flight, stats.in_flight)
        self._connections.answering[request.protocol] = asyncio.current_task()
        try:
            await asyncio.sleep(latency)  # a timer on the running loop: exact on its clock
        except asyncio.CancelledError:
            stats.abandoned += 1
            self._finish(route, 0)
            raise
        finally:
            self._connections.answering.pop(request.protocol, None)
        status, body = 200, "OK\n"
        if route in self._routes:
            self._attempts[route] += 1
            if self._attempts[route] <= self._routes[route][0]:
                status, body = 503, "Service Unavailable\n"
                stats.failures += 1
        self._finish(route, status)
        return web.Response(status=status, text=body)

    def _finish(self, route, status):
        self._stats[route].in_flight -= 1
        if self._log is not None:
            self._log(route, status)


class RunningServer:
    """`asyncdemo serve` at `base`, with TestServer's face. Its /stats is read with a blocking
    GET: a fraction of a millisecond on loopback."""

    POLL_EVERY = 0.05  # seconds between two looks at /stats for on_request

    def __init__(self, base):
        self._base = base.rstrip("/")
        self._routes = {}
        self._poll = None
        self._abandoned_seen = 0
        self._fetch_stats(reset=True)  # this run's counts start here

    def url(self, path="/"):
        return self._base + self._routes.get(path, path)

    def set_route(self, path, fail_times=0, latency=0):
        # A key of this process's own: the server's other clients keep their own tries.
        flaky = f"/flaky?fail={fail_times}&key={path[1:]}-{os.getpid()}"
        if latency:
            flaky += f"&delay={latency}"
        self._routes[path] = flaky

    def on_request(self, callback):
        self._log = callback
        self._poll = asyncio.get_running_loop().call_later(self.POLL_EVERY, self._look)

    def stats(self, route):
        counts = self._fetch_stats()["routes"].get("/flaky" if route in self._routes else route, {})
        stats = RouteStats()
        for name, value in counts.items():
            setattr(stats, name, value)
        return stats

    def close(self):
        if self._poll is not None:
            self._poll.cancel()

    def _look(self):
        try:
            abandoned = self._fetch_stats()["total"]["abandoned"]
        except OSError:
            return  # the server is gone: nothing more to hear from it
        for _ in range(abandoned - self._abandoned_seen):
            self._log("", 0)
        self._abandoned_seen = max(abandoned, self._abandoned_seen)
        self._poll = asyncio.get_running_loop().call_later(self.POLL_EVERY, self._look)

    def _fetch_stats(self, reset=False):
        url = self._base + ("/stats?reset=1" if reset else "/stats")
        with urlopen(url, timeout=10) as answer:
            return json.load(answer)


async def start_test_server():
    """The lessons' server on this loop; or, when ASYNCDEMO_SERVER names a running
    `asyncdemo serve`, that one. Not under asyncdemo's virtual clock (ASYNCDEMO_CLOCK, as
    `asyncdemo trace --clock virtual` sets it): only a server on the program's own loop
    answers on that clock."""
    if os.environ.get("ASYNCDEMO_SERVER") and os.environ.get("ASYNCDEMO_CLOCK") != "virtual":
        return RunningServer(os.environ["ASYNCDEMO_SERVER"])
    return await start_own_server()


async def start_own_server():
    server = TestServer()
    loop = asyncio.get_running_loop()
    server._server = await loop.create_server(server._connections, "127.0.0.1", 0)
    return server
