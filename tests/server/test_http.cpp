// The HTTP client (aiohttp::ClientSession on libcurl) and the lessons' test server against
// each other on loopback, in one process, on one loop. Timing is checked under the virtual
// clock, where it must be exact; one test uses the real clock with generous bounds.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <utility>

#include "aiohttp/aiohttp.hpp"
#include "server/http_server.hpp"
#include "support.hpp"

using lesson_server::Server;

namespace {

// Records what each task waited on, to check that HTTP waits reach the observer as I/O.
struct WaitRecorder : asyncio::Observer {
    std::vector<std::pair<asyncio::WaitOn, std::string>> waits;
    void task_suspended(const asyncio::WaitInfo& wait, double) override {
        waits.emplace_back(wait.on, wait.detail);
    }
};

}  // namespace

TEST_CASE("http: status, body and headers come back as the server sent them") {
    testing::run_virtual([]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        auto r = co_await session.get(server.url("/status/503"));
        CHECK(r.status() == 503);
        CHECK(r.reason() == "Service Unavailable");
        CHECK(co_await r.text() == "Service Unavailable\n");
        CHECK(r.headers().get("content-type") == "text/plain; charset=utf-8");
        CHECK(r.headers().get("Content-Length") == "20");
        CHECK_FALSE(r.ok());
        CHECK_THROWS_AS(r.raise_for_status(), aiohttp::ClientResponseError);

        auto bytes = co_await session.get(server.url("/bytes/1000"));
        CHECK(bytes.status() == 200);
        CHECK(bytes.body().size() == 1000);
        CHECK(bytes.body().substr(0, 4) == "abcd");

        auto json = co_await session.get(server.url("/json?id=7&name=ana%20maria"));
        CHECK(json.headers().get("content-type") == "application/json");
        CHECK(co_await json.text() == "{\"id\": \"7\", \"name\": \"ana maria\"}\n");

        auto missing = co_await session.get(server.url("/nowhere"));
        CHECK(missing.status() == 404);
        auto bad = co_await session.get(server.url("/delay?seconds=soon"));
        CHECK(bad.status() == 400);
        CHECK(bad.body().find("seconds=S") != std::string::npos);
        CHECK(server.stats("/status").requests == 1);
        CHECK(server.total().requests == 5);
    }());
}

TEST_CASE("http: sequential requests reuse one kept-alive connection") {
    testing::run_virtual([]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        for (int i = 0; i < 5; ++i) {
            auto r = co_await session.get(server.url("/delay?seconds=0.1"));
            CHECK(r.status() == 200);
        }
        CHECK(server.connections_accepted() == 1);
        CHECK(session.connections_opened() == 1);
        CHECK(server.stats("/delay").requests == 5);
    }());
}

TEST_CASE("http: latencies are exact under the virtual clock, in sequence and together") {
    testing::Log log;
    testing::run_virtual([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        auto fetch = [&](double seconds) -> asyncio::Coroutine<int> {
            auto r = co_await session.get(server.url("/delay?seconds=" + testing::stamp(seconds)));
            log.add("got " + testing::stamp(seconds));
            co_return r.status();
        };
        for (double d : {1.0, 2.0, 3.0}) co_await fetch(d);
        log.add("sequence done");
        auto statuses = co_await asyncio::gather(fetch(1), fetch(2), fetch(3));
        CHECK(statuses == std::tuple{200, 200, 200});
        log.add("together done");
        CHECK(server.total().peak_in_flight == 3);
    }());
    CHECK(log.lines == std::vector<std::string>{"1 got 1", "3 got 2", "6 got 3", "6 sequence done",
                                                "7 got 1", "8 got 2", "9 got 3",
                                                "9 together done"});
}

TEST_CASE("http: a semaphore caps the requests in flight, as the server counts them") {
    double elapsed = 0;
    std::size_t peak = 0, requests = 0;
    testing::run_virtual([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        lesson_server::Answer item;
        item.latency = 0.5;
        server.set_route("/item", item);
        aiohttp::ClientSession session;
        asyncio::Semaphore limit(4);
        auto one = [&]() -> asyncio::Coroutine<int> {
            co_return co_await asyncio::async_with(limit, [&]() -> asyncio::Coroutine<int> {
                auto r = co_await session.get(server.url("/item"));
                co_return r.status();
            });
        };
        std::vector<asyncio::Coroutine<int>> all;
        for (int i = 0; i < 18; ++i) all.push_back(one());
        co_await asyncio::gather(std::move(all));
        elapsed = testing::now();
        peak = server.stats("/item").peak_in_flight;
        requests = server.stats("/item").requests;
        CHECK(server.stats("/item").in_flight == 0);
        CHECK(server.connections_accepted() == 4);  // each connection reused by the next holder
    }());
    CHECK(peak == 4);
    CHECK(requests == 18);
    CHECK(elapsed == doctest::Approx(2.5).epsilon(1e-12));  // ceil(18 / 4) × 0.5
}

TEST_CASE("http: /flaky fails N times per key, and the server counts the retries") {
    testing::Log log;
    testing::run_virtual([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        int tries = 0;
        for (;;) {
            ++tries;
            auto r = co_await session.get(server.url("/flaky?fail=2&key=lesson&delay=0.25"));
            log.add("try " + std::to_string(tries) + ": " + std::to_string(r.status()) +
                    " attempt " + r.headers().get("X-Attempt").value_or("?"));
            if (r.ok()) break;
            co_await asyncio::sleep(1);
        }
        CHECK(server.stats("/flaky").requests == 3);
        CHECK(server.stats("/flaky").failures == 2);
        // Another key has its own count.
        auto other = co_await session.get(server.url("/flaky?fail=1&key=other"));
        CHECK(other.status() == 503);
    }());
    CHECK(log.lines == std::vector<std::string>{"0.25 try 1: 503 attempt 1",
                                                "1.5 try 2: 503 attempt 2",
                                                "2.75 try 3: 200 attempt 3"});
}

TEST_CASE("http: a client timeout withdraws the request and the server sees it closed") {
    testing::run_virtual([]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session(aiohttp::ClientTimeout{.total = 1.5});
        bool timed_out = false;
        try {
            co_await session.get(server.url("/delay?seconds=5"));
        } catch (const asyncio::TimeoutError&) {
            timed_out = true;
        }
        CHECK(timed_out);
        CHECK(testing::now() == doctest::Approx(1.5).epsilon(1e-12));
        co_await asyncio::sleep(0.001);  // the server reads the close at its next poll
        CHECK(server.connections_closed_by_client() == 1);
        CHECK(server.connections_open() == 0);
        CHECK(server.stats("/delay").abandoned == 1);
        CHECK(server.stats("/delay").in_flight == 0);
        // The session is still good; a per-request timeout overrides the session's.
        auto r = co_await session.get(server.url("/delay?seconds=3"), aiohttp::ClientTimeout{});
        CHECK(r.status() == 200);
        CHECK(server.connections_accepted() == 2);
    }());
}

TEST_CASE("http: cancelling a task that waits for an answer withdraws its transfer") {
    testing::run_virtual([]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        // Named: the task keeps a reference to the lambda, which must outlive it.
        auto wait_long = [&]() -> asyncio::Coroutine<> {
            co_await session.get(server.url("/delay?seconds=10"));
            FAIL("the answer should never come");
        };
        auto task = asyncio::create_task(wait_long());
        co_await asyncio::sleep(2);
        CHECK(server.stats("/delay").in_flight == 1);
        task.cancel();
        co_await testing::settle(task);
        CHECK(task.cancelled());
        co_await asyncio::sleep(0.001);
        CHECK(server.connections_closed_by_client() == 1);
        CHECK(server.stats("/delay").abandoned == 1);
        CHECK(testing::now() == doctest::Approx(2.001).epsilon(1e-12));
    }());
}

TEST_CASE("http: a request waits on io (http) for the timeline") {
    WaitRecorder recorder;
    testing::run_virtual(
        []() -> asyncio::Coroutine<> {
            Server server(asyncio::EventLoop::current());
            aiohttp::ClientSession session;
            co_await session.get(server.url("/delay?seconds=1"));
        }(),
        &recorder);
    CHECK(std::find(recorder.waits.begin(), recorder.waits.end(),
                    std::pair<asyncio::WaitOn, std::string>{asyncio::WaitOn::io, "http"}) !=
          recorder.waits.end());
}

TEST_CASE("http: no server on the port is a ClientConnectorError") {
    testing::run_virtual([]() -> asyncio::Coroutine<> {
        int port = 0;
        {
            Server gone(asyncio::EventLoop::current());
            port = gone.port();
        }
        co_await asyncio::sleep(0);  // the listener's handle closes
        aiohttp::ClientSession session;
        bool refused = false;
        try {
            co_await session.get("http://127.0.0.1:" + std::to_string(port) + "/");
        } catch (const aiohttp::ClientConnectorError& e) {
            refused = std::string(e.what()).find(std::to_string(port)) != std::string::npos;
        }
        CHECK(refused);
    }());
}

TEST_CASE("http: the server closes idle connections, and the client opens a new one") {
    testing::run_virtual([]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current(), {.idle_timeout = 2});
        aiohttp::ClientSession session;
        co_await session.get(server.url("/"));
        co_await asyncio::sleep(1);
        CHECK(server.connections_open() == 1);
        co_await asyncio::sleep(1.5);
        CHECK(server.connections_closed_idle() == 1);
        CHECK(server.connections_open() == 0);
        auto r = co_await session.get(server.url("/"));
        CHECK(r.status() == 200);
        CHECK(server.connections_accepted() == 2);
    }());
}

TEST_CASE("http: a taken port is AddressInUse, naming the port") {
    testing::run_virtual([]() -> asyncio::Coroutine<> {
        Server first(asyncio::EventLoop::current());
        try {
            Server second(asyncio::EventLoop::current(), {.port = first.port()});
            FAIL("the second bind should fail");
        } catch (const lesson_server::AddressInUse& e) {
            CHECK(e.port() == first.port());
            CHECK(std::string(e.what()).find(std::to_string(first.port())) != std::string::npos);
        }
        co_return;
    }());
}

TEST_CASE("http: the lesson's own route and the request log") {
    std::vector<lesson_server::RequestRecord> records;
    testing::run_virtual([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        lesson_server::Answer api;
        api.latency = 0.75;
        api.status = 201;
        api.body = "made\n";
        server.set_route("/api", api);
        server.on_request([&](const lesson_server::RequestRecord& r) { records.push_back(r); });
        aiohttp::ClientSession session;
        auto r = co_await session.request("HEAD", server.url("/api?x=1"));
        CHECK(r.status() == 201);
        CHECK(r.body().empty());
    }());
    REQUIRE(records.size() == 1);
    CHECK(records[0].method == "HEAD");
    CHECK(records[0].target == "/api?x=1");
    CHECK(records[0].status == 201);
    CHECK(records[0].latency == doctest::Approx(0.75).epsilon(1e-12));
}

TEST_CASE("http: under the real clock a delayed answer takes its time, within bounds") {
    double took = 0;
    asyncio::run([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        const double start = testing::now();
        auto r = co_await session.get(server.url("/delay?seconds=0.2"));
        took = testing::now() - start;
        CHECK(r.status() == 200);
    }());
    CHECK(took >= 0.2);
    CHECK(took < 3.0);
}

TEST_CASE("http: a hundred requests at once, each on its own connection, take one latency") {
    double elapsed = 0;
    testing::run_virtual([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        auto one = [&]() -> asyncio::Coroutine<int> {
            co_return (co_await session.get(server.url("/delay?seconds=0.2"))).status();
        };
        std::vector<asyncio::Coroutine<int>> all;
        for (int i = 0; i < 100; ++i) all.push_back(one());
        auto statuses = co_await asyncio::gather(std::move(all));
        elapsed = testing::now();
        CHECK(std::count(statuses.begin(), statuses.end(), 200) == 100);
        CHECK(server.stats("/delay").peak_in_flight == 100);
        CHECK(server.connections_accepted() == 100);
    }());
    CHECK(elapsed == doctest::Approx(0.2).epsilon(1e-12));
}

TEST_CASE("http: closing the session fails the requests still on their way") {
    testing::run_virtual([]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        auto pending = [&]() -> asyncio::Coroutine<std::string> {
            try {
                co_await session.get(server.url("/delay?seconds=4"));
            } catch (const aiohttp::ClientError& e) {
                co_return e.what();
            }
            co_return "answered";
        };
        auto task = asyncio::create_task(pending());
        co_await asyncio::sleep(1);
        co_await session.close();
        CHECK(co_await task == "Session is closed");
        CHECK(session.closed());
        bool refused = false;
        try {
            co_await session.get(server.url("/"));
        } catch (const asyncio::RuntimeError&) {
            refused = true;
        }
        CHECK(refused);
    }());
}

TEST_CASE("http: after the server and the session are gone, uv_loop_close succeeds") {
    asyncio::EventLoop loop(asyncio::LoopOptions{asyncio::ClockKind::virtual_time});
    auto task = asyncio::create_task(loop, []() -> asyncio::Coroutine<int> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        auto r = co_await session.get(server.url("/bytes/100000"));
        co_return static_cast<int>(r.body().size());
    }());
    loop.run_until_complete(task.core());
    CHECK(task.result() == 100000);
    loop.close();
    CHECK(loop.closed_cleanly());
}

namespace {
// A plain blocking socket client, for what curl never sends: pipelined and malformed requests.
// It runs on a worker thread while the loop serves; it returns everything the server sent
// until it closed the connection.
std::string raw_exchange(int port, std::string request) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string answer;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
        timeval limit{5, 0};  // a server that never closes fails the test instead of hanging
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        char buffer[4096];
        while (true) {
            const auto n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            answer.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return answer;
}
}  // namespace

TEST_CASE("http: pipelined requests are answered in order; a malformed one gets 400") {
    std::string pipelined, malformed;
    asyncio::run([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        pipelined = co_await asyncio::to_thread(
            raw_exchange, server.port(),
            std::string("GET /json?n=1&delay=0.05 HTTP/1.1\r\nHost: x\r\n\r\n"
                        "GET /json?n=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        malformed = co_await asyncio::to_thread(raw_exchange, server.port(),
                                                std::string("NONSENSE\r\n\r\n"));
        CHECK(server.total().requests == 2);
    }());
    const auto first = pipelined.find("{\"n\": \"1\"}");
    const auto second = pipelined.find("{\"n\": \"2\"}");
    CHECK(first != std::string::npos);
    CHECK(second != std::string::npos);
    CHECK(first < second);
    CHECK(pipelined.find("Connection: close") != std::string::npos);
    CHECK(malformed.starts_with("HTTP/1.1 400 Bad Request"));
}

TEST_CASE("http: blocking_get on a thread leaves the loop free (real clock)") {
    int ticks = 0, status = 0;
    asyncio::run([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        bool done = false;
        auto ticker = [&]() -> asyncio::Coroutine<> {
            while (!done) {
                co_await asyncio::sleep(0.05);
                ++ticks;
            }
        };
        auto task = asyncio::create_task(ticker());
        auto r = co_await asyncio::to_thread(aiohttp::blocking_get,
                                             server.url("/delay?seconds=0.4"), 300.0);
        done = true;
        co_await task;
        status = r.status();
    }());
    CHECK(status == 200);
    CHECK(ticks >= 3);  // 8 in theory; a busy machine may give fewer, never none
}

TEST_CASE("http: blocking_get with a simulated cost is exact under the virtual clock") {
    testing::Log log;
    testing::run_virtual([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        auto ticker = [&]() -> asyncio::Coroutine<> {
            for (int i = 0; i < 3; ++i) {
                co_await asyncio::sleep(0.25);
                log.add("tick");
            }
        };
        auto task = asyncio::create_task(ticker());
        auto r = co_await asyncio::to_thread_simulated(1.0, aiohttp::blocking_get,
                                                       server.url("/json?x=1"), 300.0);
        log.add("got " + std::to_string(r.status()) + " " + r.body().substr(0, 10));
        co_await task;
    }());
    CHECK(log.lines == std::vector<std::string>{"0.25 tick", "0.5 tick", "0.75 tick",
                                                "1 got 200 {\"x\": \"1\"}"});
}

TEST_CASE("http: blocking_get reports a refused connection as ClientConnectorError") {
    int port = 0;
    asyncio::run([&]() -> asyncio::Coroutine<> {
        Server gone(asyncio::EventLoop::current());
        port = gone.port();
        co_return;
    }());
    CHECK_THROWS_AS(aiohttp::blocking_get("http://127.0.0.1:" + std::to_string(port) + "/", 5.0),
                    aiohttp::ClientConnectorError);
}

TEST_CASE("http: /stats answers the counts as JSON, without counting itself; reset=1 zeroes") {
    testing::run_virtual([&]() -> asyncio::Coroutine<> {
        Server server(asyncio::EventLoop::current());
        aiohttp::ClientSession session;
        auto get = [&](std::string path) -> asyncio::Coroutine<aiohttp::ClientResponse> {
            co_return co_await session.get(server.url(path));
        };
        auto stats = [&](std::string path) -> asyncio::Coroutine<nlohmann::json> {
            auto r = co_await session.get(server.url(path));
            CHECK(r.status() == 200);
            CHECK(r.headers().get("Content-Type").value_or("") == "application/json");
            co_return nlohmann::json::parse(r.body());
        };
        std::vector<asyncio::Coroutine<aiohttp::ClientResponse>> two;
        two.push_back(get("/delay?seconds=0.5"));
        two.push_back(get("/delay?seconds=0.5"));
        co_await asyncio::gather(std::move(two));
        co_await get("/flaky?fail=1&key=a");
        co_await get("/flaky?fail=1&key=a");
        auto late = asyncio::create_task(get("/delay?seconds=1"), "late");
        co_await asyncio::sleep(0.5);

        auto seen = co_await stats("/stats?reset=1");
        CHECK(seen["routes"]["/delay"]["requests"] == 3);
        CHECK(seen["routes"]["/delay"]["in_flight"] == 1);
        CHECK(seen["routes"]["/delay"]["peak_in_flight"] == 2);
        CHECK(seen["routes"]["/flaky"]["requests"] == 2);
        CHECK(seen["routes"]["/flaky"]["failures"] == 1);
        CHECK(seen["flaky_tries"] == nlohmann::json{{"a", 2}});
        CHECK(seen["total"]["requests"] == 5);
        CHECK(!seen["routes"].contains("/stats"));  // /stats is not one of the counts
        CHECK(server.stats("/stats").requests == 0);

        // After the reset: what is in flight stays so, and is the new peak; /flaky's keys
        // fail again from their first try.
        auto after = co_await stats("/stats");
        CHECK(after["routes"]["/delay"]["requests"] == 0);
        CHECK(after["routes"]["/delay"]["in_flight"] == 1);
        CHECK(after["routes"]["/delay"]["peak_in_flight"] == 1);
        CHECK(after["flaky_tries"].empty());
        const auto again = co_await get("/flaky?fail=1&key=a");
        CHECK(again.status() == 503);
        co_await late;
        CHECK(server.stats("/delay").in_flight == 0);

        auto bad = co_await get("/stats?reset=yes");
        CHECK(bad.status() == 400);
        CHECK(bad.body().find("reset=1") != std::string::npos);
        co_await session.close();
    }());
}
