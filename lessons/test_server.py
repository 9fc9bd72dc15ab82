"""The lessons' HTTP test server, in Python (the twin of lessons/server/): asyncio on
127.0.0.1 only, on the running loop, so that under the virtual clock a route of 2 seconds
answers exactly 2 loop seconds after its request arrived, as the C++ server does.

    server = await start_test_server()          # listening on a free port
    server.set_route("/unstable", fail_times=2)  # a route of the lesson's own
    url = server.url("/delay?seconds=1")         # http://127.0.0.1:PORT/delay?seconds=1
    server.stats("/delay").peak_in_flight        # what the server saw
    server.close()

Routes: /delay?seconds=S (200 after S seconds) and the lesson's own. A lesson's route answers
503 to its first fail_times requests, then 200. Connections are kept alive; a client that
goes before its answer counts as `abandoned` and is reported to on_request with status 0.
"""
import asyncio
import collections
from urllib.parse import parse_qs, urlsplit


class RouteStats:
    def __init__(self):
        self.requests = 0        # requests received
        self.in_flight = 0       # received and not answered yet
        self.peak_in_flight = 0  # the most at once
        self.failures = 0        # answered with 503 by fail_times
        self.abandoned = 0       # the client closed before its answer was sent


class _Request:
    def __init__(self, route, latency, keep_alive):
        self.route = route
        self.latency = latency
        self.keep_alive = keep_alive
        self.status = 0


class _Connection(asyncio.Protocol):
    def __init__(self, server):
        self.server = server
        self.transport = None
        self.buffer = b""
        self.queue = collections.deque()
        self.timer = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            lines = head.decode("latin-1").split("\r\n")
            _, target, _ = lines[0].split(" ", 2)
            keep_alive = not any(line.lower() == "connection: close" for line in lines[1:])
            self.queue.append(self.server._received(target, keep_alive))
        self._schedule()

    def _schedule(self):
        if self.queue and self.timer is None:
            loop = asyncio.get_running_loop()
            latency = self.queue[0].latency
            self.timer = (loop.call_later(latency, self._answer) if latency > 0
                          else loop.call_soon(self._answer))

    def _answer(self):
        self.timer = None
        request = self.queue.popleft()
        status, body = self.server._answered(request)
        reason = "OK" if status == 200 else "Service Unavailable"
        head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\n"
                f"Connection: {'keep-alive' if request.keep_alive else 'close'}\r\n\r\n")
        self.transport.write(head.encode() + body)
        if not request.keep_alive:
            self.transport.close()
        self._schedule()

    def connection_lost(self, exc):
        if self.timer is not None:
            self.timer.cancel()
        while self.queue:
            self.server._abandoned(self.queue.popleft())


class TestServer:
    def __init__(self):
        self._server = None
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

    def _received(self, target, keep_alive):
        parts = urlsplit(target)
        if parts.path in self._routes:
            request = _Request(parts.path, self._routes[parts.path][1], keep_alive)
        else:
            seconds = parse_qs(parts.query).get("seconds", ["0"])[0]
            request = _Request("/delay", float(seconds), keep_alive)
        stats = self._stats[request.route]
        stats.requests += 1
        stats.in_flight += 1
        stats.peak_in_flight = max(stats.peak_in_flight, stats.in_flight)
        return request

    def _answered(self, request):
        request.status, body = 200, b"OK\n"
        if request.route in self._routes:
            self._attempts[request.route] += 1
            if self._attempts[request.route] <= self._routes[request.route][0]:
                request.status, body = 503, b"Service Unavailable\n"
                self._stats[request.route].failures += 1
        self._finish(request)
        return request.status, body

    def _abandoned(self, request):
        self._stats[request.route].abandoned += 1
        self._finish(request)

    def _finish(self, request):
        self._stats[request.route].in_flight -= 1
        if self._log is not None:
            self._log(request.route, request.status)


async def start_test_server():
    server = TestServer()
    loop = asyncio.get_running_loop()
    server._server = await loop.create_server(lambda: _Connection(server), "127.0.0.1", 0)
    return server
