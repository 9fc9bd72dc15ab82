// Streams on real loopback sockets: echo, EOF in the middle of a read, refused connects,
// back-pressure, cancellation, the reader's limit, and the virtual clock with real I/O.
// Every run goes through asyncio::run, which fails when uv_loop_close does: a handle left
// open is a failed test. Under the virtual clock times are exact.
#include <cerrno>
#include <memory>
#include <string>
#include <vector>

#include "support.hpp"

using asyncio::Coroutine;
using asyncio::StreamReader;
using asyncio::StreamWriter;
using testing::Log;
using testing::now;
using testing::run_virtual;
using Lines = std::vector<std::string>;

namespace {

// Answers each line with the same line, until EOF.
Coroutine<> echo_lines(StreamReader reader, StreamWriter writer) {
    for (;;) {
        std::string line = co_await reader.readline();
        if (line.empty()) break;
        writer.write(line);
        co_await writer.drain();
    }
    writer.close();
    co_await writer.wait_closed();
}

// Records the waits the observer sees.
struct Waits : asyncio::Observer {
    std::vector<asyncio::WaitInfo> seen;
    void task_suspended(const asyncio::WaitInfo& w, double) override { seen.push_back(w); }
    bool saw(asyncio::WaitOn on, const std::string& detail) const {
        for (const auto& w : seen)
            if (w.on == on && w.detail == detail) return true;
        return false;
    }
};

// A port nothing listens on: one the system gave a server that is closed again.
Coroutine<int> free_port() {
    auto server = co_await asyncio::start_server(echo_lines);
    const int port = server.port();
    server.close();
    co_await server.wait_closed();
    co_return port;
}

}  // namespace

TEST_CASE("streams: fifty clients each get their own line echoed") {
    constexpr int clients = 50;
    auto main = []() -> Coroutine<int> {
        auto server = co_await asyncio::start_server(echo_lines);
        CHECK(server.port() > 0);
        CHECK(server.sockets().front().host == "127.0.0.1");
        std::vector<asyncio::Task<std::string>> tasks;
        for (int i = 0; i < clients; ++i) {
            tasks.push_back(asyncio::create_task([](int port, int i) -> Coroutine<std::string> {
                auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", port);
                writer.write("client " + std::to_string(i) + "\n");
                co_await writer.drain();
                std::string answer = co_await reader.readline();
                writer.close();
                co_await writer.wait_closed();
                co_return answer;
            }(server.port(), i)));
        }
        int right = 0;
        for (int i = 0; i < clients; ++i) {
            const std::string echoed = co_await tasks[i];
            if (echoed == "client " + std::to_string(i) + "\n") ++right;
        }
        server.close();
        co_await server.wait_closed();
        CHECK(now() == 0.0);  // no timer anywhere: the virtual clock never moved
        co_return right;
    };
    CHECK(run_virtual(main()) == clients);
}

TEST_CASE("streams: the real clock serves clients too") {
    auto main = []() -> Coroutine<std::string> {
        auto server = co_await asyncio::start_server(echo_lines);
        auto [reader, writer] = co_await asyncio::open_connection("localhost", server.port());
        writer.write("ping\n");
        std::string answer = co_await asyncio::wait_for(reader.readline(), 10.0);
        writer.close();
        co_await writer.wait_closed();
        server.close();
        co_await server.wait_closed();
        co_return answer;
    };
    CHECK(asyncio::run(main()) == "ping\n");
}

TEST_CASE("streams: a server answering after a loop timer is seen at exactly that time") {
    // Real sockets, virtual time: each answer arrives at its server-side delay, and the
    // clients wait together, so the run takes the longest delay.
    auto main = []() -> Coroutine<Lines> {
        Log log;
        auto slow_echo = [](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            std::string line = co_await reader.readline();
            co_await asyncio::sleep(std::stod(line));
            writer.write(line);
            co_await writer.drain();
            writer.close();
        };
        auto server = co_await asyncio::start_server(slow_echo);
        auto client = [&](std::string delay) -> Coroutine<> {
            auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
            writer.write(delay + "\n");
            co_await writer.drain();
            std::string answer = co_await reader.readline();
            log.add("answer " + answer.substr(0, answer.size() - 1));
            CHECK(co_await reader.read() == "");  // then EOF
            CHECK(reader.at_eof());
            writer.close();
        };
        co_await asyncio::gather(client("1.5"), client("0.25"), client("3"));
        server.close();
        co_await server.wait_closed();
        co_return log.lines;
    };
    CHECK(run_virtual(main()) == Lines{"0.25 answer 0.25", "1.5 answer 1.5", "3 answer 3"});
}

TEST_CASE("streams: timers keep their exact times while a read is pending") {
    auto main = []() -> Coroutine<Lines> {
        Log log;
        auto silent = [](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            co_await asyncio::sleep(2);
            writer.write("late\n");
            co_await reader.read();  // until the client goes
        };
        auto server = co_await asyncio::start_server(silent);
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
        auto tick = [&]() -> Coroutine<> {
            for (int i = 0; i < 3; ++i) {
                co_await asyncio::sleep(0.75);
                log.add("tick");
            }
        };
        auto ticker = asyncio::create_task(tick());
        try {
            co_await asyncio::wait_for(reader.readline(), 1.0);
        } catch (const asyncio::TimeoutError&) {
            log.add("timeout");
        }
        log.add("read " + co_await reader.readline());
        co_await ticker;
        writer.close();
        server.close();
        co_await server.wait_closed();
        co_return log.lines;
    };
    CHECK(run_virtual(main()) ==
          Lines{"0.75 tick", "1 timeout", "1.5 tick", "2 read late\n", "2.25 tick"});
}

TEST_CASE("streams: a server that closes in the middle of a read gives IncompleteReadError") {
    auto main = []() -> Coroutine<> {
        auto short_answer = [](StreamReader, StreamWriter writer) -> Coroutine<> {
            writer.write("abc");
            writer.close();
            co_await writer.wait_closed();
        };
        auto server = co_await asyncio::start_server(short_answer);
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
        try {
            co_await reader.readexactly(10);
            FAIL("readexactly should have raised");
        } catch (const asyncio::IncompleteReadError& e) {
            CHECK(e.partial() == "abc");
            CHECK(e.expected() == 10u);
            CHECK(std::string(e.what()) == "3 bytes read on a total of 10 expected bytes");
            CHECK(dynamic_cast<const asyncio::EOFError*>(&e) != nullptr);
        }
        CHECK(reader.at_eof());
        writer.close();
        server.close();
        co_await server.wait_closed();
    };
    run_virtual(main());
}

TEST_CASE("streams: connecting where nothing listens raises ConnectionRefusedError") {
    auto main = []() -> Coroutine<> {
        const int port = co_await free_port();
        try {
            co_await asyncio::open_connection("127.0.0.1", port);
            FAIL("open_connection should have raised");
        } catch (const asyncio::ConnectionRefusedError& e) {
            CHECK(e.errno_value() == ECONNREFUSED);
            const asyncio::ConnectionError& as_connection = e;  // Python's hierarchy
            const asyncio::OSError& as_os = as_connection;
            CHECK(std::string(as_os.what()) == "[Errno " + std::to_string(ECONNREFUSED) +
                                                   "] Connect call failed ('127.0.0.1', " +
                                                   std::to_string(port) + ")");
        }
    };
    run_virtual(main());
}

TEST_CASE("streams: drain waits while the peer does not read, and resumes when it does") {
    struct Result {
        double drain_returned = -1;
        std::size_t written = 0;
        std::size_t received = 0;
        bool paused = false;
    };
    auto main = []() -> Coroutine<Result> {
        Result result;
        auto lazy = [&](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            co_await asyncio::sleep(1);  // not reading: the kernel's buffers fill up
            result.received = (co_await reader.read()).size();
            writer.close();
        };
        auto server = co_await asyncio::start_server(lazy);
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
        const std::string chunk(64 * 1024, 'x');
        // Bounded: loopback buffers hold a few megabytes at most.
        while (result.written < (256u << 20)) {
            writer.write(chunk);
            result.written += chunk.size();
            if (writer.get_write_buffer_size() > writer.get_write_buffer_limits().second) {
                result.paused = true;
                co_await writer.drain();
                result.drain_returned = now();
                break;
            }
            co_await writer.drain();  // below the mark: returns at once
            CHECK(now() == 0.0);
        }
        writer.write_eof();
        co_await reader.read();
        writer.close();
        server.close();
        co_await server.wait_closed();
        co_return result;
    };
    Waits waits;
    const Result r = run_virtual(main(), &waits);
    CHECK(r.paused);
    CHECK(r.drain_returned == 1.0);  // it waited exactly until the peer began to read
    CHECK(r.received == r.written);  // and nothing was lost on the way
    CHECK(waits.saw(asyncio::WaitOn::io, "write"));
}

TEST_CASE("streams: every wait reaches the observer as io with what it waits for") {
    auto main = []() -> Coroutine<> {
        auto server = co_await asyncio::start_server(echo_lines);
        auto serving = asyncio::create_task(server.serve_forever(), "serve");
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
        writer.write("x\n");
        CHECK(co_await reader.readline() == "x\n");
        writer.close();
        serving.cancel();
        co_await testing::settle(serving);
        CHECK(!server.is_serving());
    };
    Waits waits;
    run_virtual(main(), &waits);
    CHECK(waits.saw(asyncio::WaitOn::io, "connect"));
    CHECK(waits.saw(asyncio::WaitOn::io, "read"));
    CHECK(waits.saw(asyncio::WaitOn::io, "accept"));
}

TEST_CASE("streams: cancelling a pending read withdraws it; later data stays for the next") {
    auto main = []() -> Coroutine<Lines> {
        Log log;
        auto late = [](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            co_await asyncio::sleep(2);
            writer.write("kept\n");
            co_await reader.read();
        };
        auto server = co_await asyncio::start_server(late);
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
        auto pending = asyncio::create_task(reader.readline());
        co_await asyncio::sleep(1);
        pending.cancel();
        try {
            co_await pending;
        } catch (const asyncio::CancelledError&) {
            log.add("read cancelled");
        }
        log.add("then " + co_await reader.readline());
        writer.close();
        server.close();
        co_await server.wait_closed();
        co_return log.lines;
    };
    CHECK(run_virtual(main()) == Lines{"1 read cancelled", "2 then kept\n"});
}

TEST_CASE("streams: cancelling a pending connect withdraws it and frees the handle") {
    auto main = []() -> Coroutine<bool> {
        auto server = co_await asyncio::start_server(echo_lines);
        auto connecting =
            asyncio::create_task(asyncio::open_connection("127.0.0.1", server.port()));
        co_await asyncio::sleep(0);  // the connect is under way: libuv has not called back yet
        connecting.cancel();
        bool cancelled = false;
        try {
            co_await connecting;
        } catch (const asyncio::CancelledError&) {
            cancelled = true;
        }
        server.close();
        co_await server.wait_closed();
        co_return cancelled;
    };
    Waits waits;
    CHECK(run_virtual(main(), &waits));  // and run() checked that uv_loop_close succeeded
    CHECK(waits.saw(asyncio::WaitOn::io, "connect"));
}

TEST_CASE("streams: readuntil stops at the limit, readline too") {
    StreamReader probe(8);  // constructing one needs no loop
    CHECK(probe.limit() == 8u);
    auto main = []() -> Coroutine<> {
        StreamReader reader(8);
        reader.feed_data("0123456789abcdef");
        try {
            co_await reader.readuntil("\n");
            FAIL("readuntil should have raised");
        } catch (const asyncio::LimitOverrunError& e) {
            CHECK(e.consumed() == 16u);
        }
        CHECK(reader.buffered() == 16u);  // nothing was consumed
        reader.feed_data("\nshort\n");
        try {
            co_await reader.readline();
            FAIL("readline should have raised");
        } catch (const asyncio::ValueError& e) {
            CHECK(std::string(e.what()) == "Separator is found, but chunk is longer than limit");
        }
        CHECK(co_await reader.readline() == "short\n");  // the long line was dropped
        reader.feed_data("a--b");
        CHECK(co_await reader.readuntil("--") == "a--");
        reader.feed_eof();
        try {
            co_await reader.readuntil("--");
            FAIL("readuntil should have raised");
        } catch (const asyncio::IncompleteReadError& e) {
            CHECK(e.partial() == "b");
            CHECK(!e.expected());
        }
        CHECK(reader.at_eof());
        CHECK(co_await reader.read(5) == "");
    };
    run_virtual(main());
}

TEST_CASE("streams: a long line over a socket raises ValueError and the stream goes on") {
    auto main = []() -> Coroutine<std::string> {
        auto talker = [](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            writer.write(std::string(100, 'y') + "\nok\n");
            co_await reader.read();
        };
        auto server = co_await asyncio::start_server(talker);
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port(), 16);
        CHECK_THROWS_AS(co_await reader.readline(), asyncio::ValueError);
        std::string next = co_await reader.readline();
        writer.close();
        server.close();
        co_await server.wait_closed();
        co_return next;
    };
    CHECK(run_virtual(main()) == "ok\n");
}

TEST_CASE("streams: both ends know each other's address; write_eof half-closes") {
    auto main = []() -> Coroutine<> {
        std::optional<asyncio::SocketAddress> seen_by_server;
        auto upper = [&](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            seen_by_server = writer.get_extra_info("peername");
            std::string all = co_await reader.read();  // until the client's EOF
            for (auto& c : all) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            writer.write(all);  // the other direction is still open
            writer.close();
            co_await writer.wait_closed();
        };
        auto server = co_await asyncio::start_server(upper);
        co_await asyncio::async_with(server, [&]() -> Coroutine<> {
            auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
            auto peer = writer.get_extra_info("peername");
            REQUIRE(peer);
            CHECK(*peer == asyncio::SocketAddress{"127.0.0.1", server.port()});
            CHECK(peer->to_string() == "('127.0.0.1', " + std::to_string(server.port()) + ")");
            CHECK(!writer.get_extra_info("nonsense"));
            writer.write("half ");
            writer.write("closed");
            writer.write_eof();
            CHECK_THROWS_AS(writer.write("more"), asyncio::RuntimeError);
            CHECK(co_await reader.read() == "HALF CLOSED");
            REQUIRE(seen_by_server);
            CHECK(seen_by_server == writer.get_extra_info("sockname"));
            CHECK(!writer.is_closing());
            writer.close();
            CHECK(writer.is_closing());
            co_await writer.wait_closed();
        });
        CHECK(!server.is_serving());
    };
    run_virtual(main());
}

TEST_CASE("streams: a peer that resets the connection gives ConnectionResetError") {
    auto main = []() -> Coroutine<> {
        auto rude = [](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            co_await reader.readexactly(1);
            // Closing with unread data in the socket makes the kernel send a reset.
            writer.close();
            co_await writer.wait_closed();
        };
        auto server = co_await asyncio::start_server(rude);
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
        writer.write("a" + std::string(1000, 'b'));
        co_await writer.drain();
        bool failed = false;
        try {
            // Either the read sees the reset, or the writes after it do.
            for (int i = 0; i < 50 && !failed; ++i) {
                std::string got = co_await reader.read(100);
                if (got.empty()) break;
            }
            for (int i = 0; i < 50; ++i) {
                writer.write(std::string(1000, 'c'));
                co_await writer.drain();
                co_await asyncio::sleep(0.01);
            }
        } catch (const asyncio::ConnectionError&) {
            failed = true;
        }
        CHECK(failed);
        writer.close();
        server.close();
        co_await server.wait_closed();
    };
    run_virtual(main());
}

TEST_CASE("streams: a handler that captures by value is kept whole") {
    auto main = []() -> Coroutine<std::string> {
        const std::string greeting(100, 'g');  // longer than any small-string buffer
        // Named: GCC 12 destroys a capturing lambda temporary twice inside a co_await.
        auto greet = [greeting](StreamReader reader, StreamWriter writer) -> Coroutine<> {
            writer.write(greeting + "\n");
            co_await reader.read();
        };
        auto server = co_await asyncio::start_server(greet);
        auto [reader, writer] = co_await asyncio::open_connection("127.0.0.1", server.port());
        std::string line = co_await reader.readline();
        writer.close();
        server.close();
        co_await server.wait_closed();
        co_return line;
    };
    CHECK(run_virtual(main()) == std::string(100, 'g') + "\n");
}
