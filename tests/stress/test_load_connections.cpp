// Load on real loopback sockets (issue 11, "Load"): many clients connected at once to a
// start_server echo server, and many HTTP requests at once to the lessons' test server. Every
// client gets its own answer, the servers count every connection and request, and both close
// with nothing left open (asyncio::run fails when uv_loop_close does). Reduced sizes here;
// LOAD_FULL=1 runs the full ones (load.hpp).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "aiohttp/aiohttp.hpp"
#include "asyncio/asyncio.hpp"
#include "load.hpp"
#include "server/http_server.hpp"

using asyncio::Coroutine;
using asyncio::StreamReader;
using asyncio::StreamWriter;
using asyncio::Task;

namespace {

struct EchoCounts {
    long connected = 0;  // handlers started
    long open = 0;       // handlers started and not ended
    long most_open = 0;  // the most connections served at once
    long answered = 0;
};

// One line back, once every client is connected (so that all are open at the same time).
Coroutine<> echo_once(std::shared_ptr<EchoCounts> counts, std::shared_ptr<asyncio::Event> all_in,
                      StreamReader reader, StreamWriter writer) {
    ++counts->connected;
    counts->most_open = std::max(counts->most_open, ++counts->open);
    const std::string line = co_await reader.readline();
    co_await all_in->wait();
    writer.write(line);
    co_await writer.drain();
    ++counts->answered;
    writer.close();
    co_await writer.wait_closed();
    --counts->open;
}

Coroutine<bool> echo_client(int port, long n) {
    auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", port);
    const std::string line = "client " + std::to_string(n) + "\n";
    writer.write(line);
    co_await writer.drain();
    const std::string answer = co_await reader.readline();
    writer.close();
    co_await writer.wait_closed();
    co_return answer == line;
}

Coroutine<long> echo_load(long clients, std::shared_ptr<EchoCounts> counts) {
    auto all_in = std::make_shared<asyncio::Event>();
    auto handler = [counts, all_in](StreamReader r, StreamWriter w) {
        return echo_once(counts, all_in, std::move(r), std::move(w));
    };
    // A backlog for every client: none has to wait for a retried SYN.
    auto server = co_await asyncio::start_server(handler, "127.0.0.1", 0, asyncio::stream_limit,
                                                 static_cast<int>(clients));
    std::vector<Task<bool>> tasks;
    for (long n = 0; n < clients; ++n)
        tasks.push_back(asyncio::create_task(echo_client(server.port(), n)));
    while (counts->connected < clients) co_await asyncio::sleep(0.001);
    all_in->set();
    long right = 0;
    for (auto& task : tasks) right += (co_await task) ? 1 : 0;
    server.close();
    co_await server.wait_closed();
    co_return right;
}

Coroutine<int> http_get(aiohttp::ClientSession& session, std::string url) {
    aiohttp::ClientResponse response = co_await session.get(std::move(url));
    const std::string body = co_await response.text();
    co_return response.status();
}

struct HttpFigures {
    long ok = 0;
    lesson_server::RouteStats delay;
    std::size_t open_after = 0;
};

Coroutine<HttpFigures> http_load(long requests) {
    HttpFigures figures;
    lesson_server::Server server(asyncio::EventLoop::current());
    aiohttp::ClientSession session;
    std::vector<Task<int>> tasks;
    for (long n = 0; n < requests; ++n)
        tasks.push_back(asyncio::create_task(http_get(session, server.url("/delay?seconds=0.2"))));
    for (auto& task : tasks) figures.ok += (co_await task) == 200 ? 1 : 0;
    co_await session.close();
    figures.delay = server.stats("/delay");
    server.close();
    co_await asyncio::sleep(0);  // the server's handles close at the loop's next pass
    figures.open_after = server.connections_open();
    co_return figures;
}

}  // namespace

TEST_CASE("load: many clients connected at once to one stream server each get their line") {
    const long clients = load::size(100, 1'000);
    auto counts = std::make_shared<EchoCounts>();
    load::Stopwatch watch;
    const long right = asyncio::run(echo_load(clients, counts));
    load::report("connections", clients, watch.seconds());
    CHECK(right == clients);
    CHECK(counts->connected == clients);
    CHECK(counts->answered == clients);
    CHECK(counts->most_open == clients);  // every connection was open at the same time
    CHECK(counts->open == 0);
}

TEST_CASE("load: many HTTP requests at once to the test server are each answered once") {
    const long requests = load::size(100, 1'000);
    load::Stopwatch watch;
    const HttpFigures figures = asyncio::run(http_load(requests));
    load::report("http", requests, watch.seconds(),
                 "(peak in flight " + std::to_string(figures.delay.peak_in_flight) + ")");
    CHECK(figures.ok == requests);
    CHECK(figures.delay.requests == static_cast<std::size_t>(requests));
    CHECK(figures.delay.in_flight == 0);
    CHECK(figures.delay.abandoned == 0);
    // aiohttp's connector limit (100) bounds what the server sees at once.
    CHECK(figures.delay.peak_in_flight <= 100);
    CHECK(figures.delay.peak_in_flight >= std::min<std::size_t>(100, requests) / 2);
    CHECK(figures.open_after == 0);
}
