// A run stopped while a server's handlers wait in a read must free everything it made: the
// handlers' tasks, their connections, the server, and close the loop cleanly. The run is
// stopped after each pass k of a whole run in turn (as `--step`'s q or the stop-at-step stress
// test stop a lesson), so some stop falls between a client's connect and the server's accept,
// and some while a handler waits for the client's line. Each handler's task is watched
// through a weak pointer: one still alive after the run is a leak (its done callback held it).
#include <memory>
#include <string>
#include <vector>

#include "support.hpp"

using asyncio::Coroutine;
using asyncio::StreamReader;
using asyncio::StreamWriter;

namespace {

struct Stop {};

using StopAfter = testing::StopAfter<Stop>;

using Watched = std::vector<std::weak_ptr<asyncio::TaskCore>>;

// The server's side: the line back once it comes. Its task is watched.
Coroutine<> answer(std::shared_ptr<Watched> handlers, StreamReader reader, StreamWriter writer) {
    handlers->push_back(asyncio::current_task()->weak_from_this());
    const std::string line = co_await reader.readline();
    writer.write(line);
    co_await writer.drain();
    writer.close();
    co_await writer.wait_closed();
}

// Connects, then keeps the server's handler waiting in its read for a second.
Coroutine<> slow_client(int port, int n) {
    auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", port);
    co_await asyncio::sleep(1);
    writer.write("line " + std::to_string(n) + "\n");
    co_await writer.drain();
    const std::string echoed = co_await reader.readline();
    CHECK(echoed == "line " + std::to_string(n) + "\n");
    writer.close();
    co_await writer.wait_closed();
}

Coroutine<> serve_three(std::shared_ptr<Watched> handlers) {
    auto handler = [handlers](StreamReader r, StreamWriter w) {
        return answer(handlers, std::move(r), std::move(w));
    };
    auto server = co_await asyncio::start_server(handler);
    std::vector<asyncio::Task<>> clients;
    for (int n = 0; n < 3; ++n)
        clients.push_back(asyncio::create_task(slow_client(server.port(), n)));
    co_await asyncio::gather(clients);
    server.close();
    co_await server.wait_closed();
}

}  // namespace

TEST_CASE("streams: a run stopped while handlers wait in a read frees their tasks") {
    const auto failed_closes = asyncio::diagnostics::failed_loop_closes();
    auto whole_handlers = std::make_shared<Watched>();
    StopAfter whole(0);
    testing::run_virtual(serve_three(whole_handlers), &whole);
    REQUIRE(whole_handlers->size() == 3);
    REQUIRE(whole.passes > 3);

    long stopped = 0, mid_read = 0;
    for (long k = 1; k <= whole.passes; ++k) {
        INFO("stopped after pass " << k << " of " << whole.passes);
        auto handlers = std::make_shared<Watched>();
        StopAfter observer(k);
        try {
            testing::run_virtual(serve_three(handlers), &observer);
        } catch (const Stop&) {
            ++stopped;
        }
        if (!handlers->empty()) ++mid_read;
        for (const auto& task : *handlers) CHECK(task.expired());
    }
    CHECK(stopped >= whole.passes - 1);
    CHECK(mid_read > 0);  // some stops came while a handler was running
    CHECK(asyncio::diagnostics::failed_loop_closes() == failed_closes);
}
