// Under the virtual clock the loop must not jump while bytes between two of its own sockets
// are on their way (the kernel may hand a loopback segment to the receiver a moment after
// the send). What the loop asks the kernel, and how it pairs the two ends.
#include <string>
#include <vector>

#include "asyncio/detail/loopback.hpp"
#include "support.hpp"

using asyncio::Coroutine;
using asyncio::StreamReader;
using asyncio::StreamWriter;
using asyncio::detail::bytes_in_flight;
using asyncio::detail::SocketCounts;
using testing::now;
using testing::run_virtual;

TEST_CASE("loopback: bytes sent and not yet received by a peer of the same loop are in flight") {
    const SocketCounts client{"127.0.0.1:40000", "127.0.0.1:5000", 120, 0};
    SocketCounts server{"127.0.0.1:5000", "127.0.0.1:40000", 0, 120};
    CHECK_FALSE(bytes_in_flight({client, server}));  // all arrived
    server.received = 80;
    CHECK(bytes_in_flight({client, server}));  // 40 bytes on their way
    CHECK(bytes_in_flight({server, client}));  // in either order
    // A peer that is not one of the loop's sockets (another process) is not waited for.
    CHECK_FALSE(bytes_in_flight({client}));
    // Nor is a socket that only looks like the peer from one side.
    const SocketCounts stranger{"127.0.0.1:5000", "127.0.0.1:40001", 0, 0};
    CHECK_FALSE(bytes_in_flight({client, stranger}));
    // The other direction: the server's answer not yet received by the client.
    SocketCounts answered = server;
    answered.received = 120;
    answered.sent = 10;
    CHECK(bytes_in_flight({client, answered}));
}

TEST_CASE("loopback: the loop finds both ends of a connection and the kernel's byte counts") {
    auto main = []() -> Coroutine<> {
        auto& loop = asyncio::EventLoop::current();
        std::string got;
        auto handler = [&got](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            got = co_await reader.readexactly(1000);
            writer.write("ok\n");
            co_await writer.drain();
            co_await reader.read();  // until the client closes
            writer.close();
            co_await writer.wait_closed();
        };
        auto server = co_await asyncio::start_server(handler);
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
        writer.write(std::string(1000, 'x'));
        co_await writer.drain();
        const std::string answer = co_await reader.readline();
        CHECK(answer == "ok\n");
        CHECK(got.size() == 1000);

        const auto sockets = asyncio::detail::loop_sockets(loop.uv());
        const auto client = writer.get_extra_info("sockname")->to_string();
        const SocketCounts* mine = nullptr;
        const SocketCounts* theirs = nullptr;
        for (const auto& s : sockets) {
            if (s.peer.find(std::to_string(server.port())) != std::string::npos) mine = &s;
            if (s.local.find(std::to_string(server.port())) != std::string::npos) theirs = &s;
        }
        REQUIRE(mine != nullptr);
        REQUIRE(theirs != nullptr);
        CHECK(mine->local == theirs->peer);
        CHECK(mine->peer == theirs->local);
        CHECK(mine->sent == 1000);
        CHECK(theirs->received == 1000);
        CHECK(theirs->sent == 3);
        CHECK(mine->received == 3);
        CHECK_FALSE(bytes_in_flight(sockets));
        CHECK(client.find("127.0.0.1") != std::string::npos);

        writer.close();
        co_await writer.wait_closed();
        server.close();
        co_await server.wait_closed();
    };
    run_virtual(main());
}

TEST_CASE(
    "loopback: under the virtual clock, round trips to a server that answers after a "
    "timer take exactly the timers' time") {
    auto main = []() -> Coroutine<> {
        auto handler = [](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            for (;;) {
                std::string line = co_await reader.readline();
                if (line.empty()) break;
                co_await asyncio::sleep(0.5);
                writer.write(line);
                co_await writer.drain();
            }
            writer.close();
            co_await writer.wait_closed();
        };
        auto server = co_await asyncio::start_server(handler);
        // A task with timers of its own all along, so the clock always has somewhere to jump.
        auto ticker = asyncio::create_task([]() -> Coroutine<> {
            for (;;) co_await asyncio::sleep(0.125);
        }());
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
        for (int i = 1; i <= 40; ++i) {
            writer.write(std::string(2000, 'a') + "\n");
            co_await writer.drain();
            const std::string line = co_await reader.readline();
            CHECK(line.size() == 2001);
            CHECK(now() == doctest::Approx(0.5 * i));
        }
        ticker.cancel();
        writer.close();
        co_await writer.wait_closed();
        server.close();
        co_await server.wait_closed();
    };
    run_virtual(main());
}
